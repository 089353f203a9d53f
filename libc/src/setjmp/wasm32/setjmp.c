#include <stdint.h>
#include "wali_sjlj.h"

/* Runtime half of LLVM's Wasm setjmp/longjmp lowering (-mllvm
 * -wasm-enable-sjlj). A function that calls setjmp gets a unique
 * "invocation id" per activation; at each setjmp call site it calls
 *   __wasm_setjmp(env, label, id)
 * and after catching a longjmp (tag __c_longjmp) it asks
 *   __wasm_setjmp_test(env, id)
 * for the label to resume at: non-zero only if env was last set by this
 * very activation; 0 makes the catcher rethrow to outer frames. */

void __wasm_setjmp(void *env, uint32_t label, void *func_invocation_id)
{
	struct __wali_jmp_buf *jb = env;
	jb->func_invocation_id = func_invocation_id;
	jb->label = label;
}

uint32_t __wasm_setjmp_test(void *env, void *func_invocation_id)
{
	struct __wali_jmp_buf *jb = env;
	return jb->func_invocation_id == func_invocation_id ? jb->label : 0;
}
