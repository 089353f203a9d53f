#include <stdint.h>
#include "wali_sjlj.h"

/* longjmp(env, val) is lowered to __wasm_longjmp(env, val): throw the
 * __c_longjmp exception carrying a pointer to {env, val}; the lowered code
 * of every function with a setjmp catches it and checks whether env is its
 * own (__wasm_setjmp_test). The pair is kept in env itself. */
void __wasm_longjmp(void *env, int val)
{
	struct __wali_jmp_buf *jb = env;
	jb->arg.env = env;
	jb->arg.val = val ? val : 1;
	__builtin_wasm_throw(1, &jb->arg);
}
