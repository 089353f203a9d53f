/* The run-time half of LLVM's Wasm setjmp/longjmp lowering, for the WASI
 * builds of bench/run (see include/setjmp.h).
 *
 * In every function that calls setjmp, LLVM gives each activation an id and
 * turns `setjmp(env)` into `__wasm_setjmp(env, label, id)`; `longjmp(env, v)`
 * becomes `__wasm_longjmp(env, v)`, which throws the exception tag
 * __c_longjmp (defined in c_longjmp.s) with a pointer to {env, v}. Each such
 * function catches that tag and asks `__wasm_setjmp_test(env, id)` which
 * label to resume at; 0 means "not mine", and it rethrows. */
#include <stdint.h>

struct jmp_state {
    void *owner;     /* activation id of the function that called setjmp */
    uint32_t label;  /* where in that function to resume */
    struct { void *env; int val; } thrown;
};

_Static_assert(sizeof(struct jmp_state) <= 8 * sizeof(unsigned int), "jmp_buf too small");

void __wasm_setjmp(void *env, uint32_t label, void *func_invocation_id) {
    struct jmp_state *s = env;
    s->owner = func_invocation_id;
    s->label = label;
}

uint32_t __wasm_setjmp_test(void *env, void *func_invocation_id) {
    struct jmp_state *s = env;
    return s->owner == func_invocation_id ? s->label : 0;
}

void __wasm_longjmp(void *env, int val) {
    struct jmp_state *s = env;
    s->thrown.env = env;
    s->thrown.val = val ? val : 1;
    __builtin_wasm_throw(1, &s->thrown);
}
