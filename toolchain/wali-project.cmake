# Included after each project() of a build using wali.cmake (as
# CMAKE_PROJECT_INCLUDE), once CMake's platform files are read: WALI has no
# shared libraries, whatever those files say about Linux.
set_property(GLOBAL PROPERTY TARGET_SUPPORTS_SHARED_LIBS FALSE)
