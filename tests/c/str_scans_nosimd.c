// wali-cc: -mno-simd128
// str_scans.c built with -mno-simd128: the module links the SIMD-free C
// library (lib/nosimd), whose strlen and strcspn scan a byte at a time.
#include "str_scans.c"
