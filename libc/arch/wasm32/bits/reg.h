/* There are no machine registers visible to a wasm program. */
#undef __WORDSIZE
#define __WORDSIZE 32
