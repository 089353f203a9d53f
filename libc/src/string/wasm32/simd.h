/* Sixteen bytes at a time with Wasm SIMD, for the string scans that
 * programs spend time in. A scan reads whole aligned 16-byte blocks, also
 * bytes before the string and after its end: in Wasm that is safe, as a
 * block never crosses a page (nor the end of the memory) that the byte the
 * scan needs is not on, and nothing else can observe the read. Built for
 * simd128 function by function: the rest of the library stays plain Wasm. */
#include <stddef.h>
#include <stdint.h>

#ifdef __WALI_NO_SIMD
/* The SIMD-free library (lib/nosimd, for `wali-cc -mno-simd128`: modules
 * for engines without Wasm SIMD) scans a byte at a time. */
#define SIMD

static inline size_t scan(const char *s, unsigned char a, unsigned char b, unsigned char c, unsigned char d)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p && *p != a && *p != b && *p != c && *p != d) p++;
	return (size_t)(p - (const unsigned char *)s);
}
#else
#define SIMD __attribute__((__target__("simd128")))

typedef signed char i8x16 __attribute__((__vector_size__(16), __aligned__(16)));

static inline SIMD i8x16 splat(unsigned char c)
{
	signed char x = (signed char)c;
	return (i8x16){ x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x };
}

/* Bit i set when byte i of the block is one of a, b, c, d or NUL. */
static inline SIMD uint32_t hits(const i8x16 *block, i8x16 a, i8x16 b, i8x16 c, i8x16 d)
{
	i8x16 v = *block, zero = splat(0);
	return __builtin_wasm_bitmask_i8x16((v == zero) | (v == a) | (v == b) | (v == c) | (v == d));
}

/* The offset from s of its first byte that is one of a, b, c, d or NUL. */
static inline SIMD size_t scan(const char *s, unsigned char a, unsigned char b, unsigned char c, unsigned char d)
{
	i8x16 va = splat(a), vb = splat(b), vc = splat(c), vd = splat(d);
	uintptr_t at = (uintptr_t)s;
	const i8x16 *p = (const i8x16 *)(at & ~(uintptr_t)15);
	uint32_t m = hits(p, va, vb, vc, vd) >> (at & 15);
	if (m) return __builtin_ctz(m);
	for (;;) {
		m = hits(++p, va, vb, vc, vd);
		if (m) return (size_t)((const char *)p - s) + __builtin_ctz(m);
	}
}
#endif
