/* There is no ptrace register layout for wasm32. */
#undef __WORDSIZE
#define __WORDSIZE 32
