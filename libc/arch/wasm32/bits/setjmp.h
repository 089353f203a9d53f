/* setjmp/longjmp are lowered by the compiler to Wasm exception handling;
 * the buffer holds the runtime's bookkeeping (see src/setjmp/wasm32). */
typedef unsigned long __jmp_buf[8];
