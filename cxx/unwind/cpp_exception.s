# The exception tag C++ throws with (__builtin_wasm_throw(0, ...)) and catches
# in code compiled with -fwasm-exceptions; its payload is one i32, the
# address of the thrown exception's _Unwind_Exception. Clang only refers to
# it; the runtime defines it once, as the C library does __c_longjmp.
	.globl	__cpp_exception
	.tagtype	__cpp_exception i32
__cpp_exception:

# Whatever throws or catches refers to the tag, so this pulls in
# uncaught.cpp's __wali_call_guarded too.
	.section	.data.__wali_cxx_uncaught_ref,"",@
	.p2align	2
__wali_cxx_uncaught_ref:
	.int32	__wali_cxx_uncaught
	.size	__wali_cxx_uncaught_ref, 4
