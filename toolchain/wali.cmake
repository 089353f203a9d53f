# CMake toolchain file for WALI (the WebAssembly Linux Interface).
#
#   cmake -S . -B build-wali -DCMAKE_TOOLCHAIN_FILE=/path/to/toolchain/wali.cmake
#   cmake --build build-wali
#
# Executables are Wasm modules with the suffix .wasm; run them with
# `wali run prog.wasm`. Only static libraries exist (no shared libraries on
# WALI). If a WALI engine is found (WALI_ENGINE, $WALI, next to wali-cc,
# `wali` in PATH, or this CPU's build in ~/.cache/wali/...) it is used as
# CMAKE_CROSSCOMPILING_EMULATOR, so try_run() and ctest run the programs.
# See docs/toolchain.md.

set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR wasm32)

get_filename_component(WALI_TOOLCHAIN_DIR "${CMAKE_CURRENT_LIST_DIR}" ABSOLUTE)
if(DEFINED ENV{WALI_SYSROOT})
  set(WALI_SYSROOT "$ENV{WALI_SYSROOT}")
elseif(EXISTS "${WALI_TOOLCHAIN_DIR}/../../lib/wali/sysroot/lib/libc.a")
  # Installed: PREFIX/share/wali/wali.cmake, PREFIX/lib/wali/sysroot, PREFIX/bin/wali-cc.
  get_filename_component(WALI_SYSROOT "${WALI_TOOLCHAIN_DIR}/../../lib/wali/sysroot" ABSOLUTE)
  get_filename_component(WALI_TOOLCHAIN_DIR "${WALI_TOOLCHAIN_DIR}/../../bin" ABSOLUTE)
else()
  get_filename_component(WALI_SYSROOT "${WALI_TOOLCHAIN_DIR}/../build/sysroot" ABSOLUTE)
endif()
if(NOT EXISTS "${WALI_SYSROOT}/lib/libc.a")
  message(FATAL_ERROR "WALI sysroot not found at ${WALI_SYSROOT}: run `make sysroot` or set WALI_SYSROOT")
endif()

set(CMAKE_C_COMPILER "${WALI_TOOLCHAIN_DIR}/wali-cc")
set(CMAKE_CXX_COMPILER "${WALI_TOOLCHAIN_DIR}/wali-c++")
set(CMAKE_AR "${WALI_TOOLCHAIN_DIR}/wali-ar" CACHE FILEPATH "WALI archiver")
set(CMAKE_RANLIB "${WALI_TOOLCHAIN_DIR}/wali-ranlib" CACHE FILEPATH "WALI ranlib")
set(CMAKE_NM "${WALI_TOOLCHAIN_DIR}/wali-nm" CACHE FILEPATH "WALI nm")
set(CMAKE_STRIP "${WALI_TOOLCHAIN_DIR}/wali-strip" CACHE FILEPATH "WALI strip")
set(CMAKE_C_COMPILER_AR "${CMAKE_AR}")
set(CMAKE_C_COMPILER_RANLIB "${CMAKE_RANLIB}")
set(CMAKE_CXX_COMPILER_AR "${CMAKE_AR}")
set(CMAKE_CXX_COMPILER_RANLIB "${CMAKE_RANLIB}")

set(CMAKE_EXECUTABLE_SUFFIX ".wasm")
set(CMAKE_EXECUTABLE_SUFFIX_C ".wasm")
set(CMAKE_EXECUTABLE_SUFFIX_CXX ".wasm")

# Everything is linked statically into one module. CMake's platform files,
# read after this one, say Linux supports shared libraries: the property is
# set again after project() (wali-project.cmake), so that add_library(x SHARED)
# builds a static library, with CMake's warning, instead of running wali-cc -shared.
set_property(GLOBAL PROPERTY TARGET_SUPPORTS_SHARED_LIBS FALSE)
if(NOT CMAKE_PROJECT_INCLUDE)
  set(CMAKE_PROJECT_INCLUDE "${CMAKE_CURRENT_LIST_DIR}/wali-project.cmake")
endif()
set(BUILD_SHARED_LIBS OFF CACHE BOOL "WALI has no shared libraries")
set(CMAKE_POSITION_INDEPENDENT_CODE OFF)

# Look for headers and libraries in the WALI sysroot only, programs on the host.
# (wali-cc passes --sysroot itself, so CMAKE_SYSROOT stays unset.)
set(CMAKE_FIND_ROOT_PATH "${WALI_SYSROOT}")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# A WALI engine to run the programs, if there is one.
if(NOT CMAKE_CROSSCOMPILING_EMULATOR)
  # Installed next to wali-cc, on PATH, or a checkout's build for this CPU
  # (not one cross-built for another: tests/cross builds those too).
  find_program(_wali_in_path wali NO_CMAKE_FIND_ROOT_PATH)
  file(GLOB _wali_built "$ENV{HOME}/.cache/wali/target/${CMAKE_HOST_SYSTEM_PROCESSOR}*-linux-gnu/release/wali")
  set(_wali_candidates "$ENV{WALI_ENGINE}" "$ENV{WALI}" "${WALI_TOOLCHAIN_DIR}/wali" "${_wali_in_path}" ${_wali_built})
  foreach(_c IN LISTS _wali_candidates)
    if(_c AND EXISTS "${_c}" AND NOT IS_DIRECTORY "${_c}")
      set(CMAKE_CROSSCOMPILING_EMULATOR "${_c};run" CACHE STRING "WALI engine used to run Wasm programs")
      break()
    endif()
  endforeach()
endif()
