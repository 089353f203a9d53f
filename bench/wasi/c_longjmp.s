# The exception tag that __wasm_longjmp throws (tag index 1 of
# __builtin_wasm_throw) and that code compiled with -wasm-enable-sjlj
# catches; its payload is one i32, the address of {env, val}.
	.globl	__c_longjmp
	.tagtype	__c_longjmp i32
__c_longjmp:
