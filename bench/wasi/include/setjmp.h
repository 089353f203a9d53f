/* setjmp/longjmp for the WASI builds of bench/run (Debian's wasi-libc has
 * none): code compiled with -mexception-handling -mllvm -wasm-enable-sjlj has
 * its setjmp/longjmp calls lowered by LLVM onto Wasm exceptions, and calls the
 * runtime functions in sjlj.c. */
#ifndef WALI_BENCH_SETJMP_H
#define WALI_BENCH_SETJMP_H
typedef unsigned int jmp_buf[8];
int setjmp(jmp_buf env);
_Noreturn void longjmp(jmp_buf env, int val);
#endif
