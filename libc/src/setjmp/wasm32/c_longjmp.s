# The exception tag thrown by __wasm_longjmp (__builtin_wasm_throw(1, ...))
# and caught by code compiled with -mllvm -wasm-enable-sjlj. Its payload is
# one i32: the address of the {env, val} pair.
	.globl	__c_longjmp
	.tagtype	__c_longjmp i32
__c_longjmp:
