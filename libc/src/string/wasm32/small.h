/* Short memory operations done in Wasm code. memory.copy and memory.fill
 * are calls out of the compiled code into the engine, which cost more
 * than the few loads and stores a short copy or fill needs. */
#include <stddef.h>
#include <stdint.h>

#define SMALL_MAX 32

typedef uint64_t __attribute__((__may_alias__, __aligned__(1))) u64u;
typedef uint32_t __attribute__((__may_alias__, __aligned__(1))) u32u;

/* Copies n <= SMALL_MAX bytes; every load comes before every store, so the
 * ranges may overlap (memmove). */
static inline void copy_small(unsigned char *d, const unsigned char *s, size_t n)
{
	if (n >= 16) {
		uint64_t a = *(const u64u *)s, b = *(const u64u *)(s + 8);
		uint64_t c = *(const u64u *)(s + n - 16), e = *(const u64u *)(s + n - 8);
		*(u64u *)d = a, *(u64u *)(d + 8) = b;
		*(u64u *)(d + n - 16) = c, *(u64u *)(d + n - 8) = e;
	} else if (n >= 8) {
		uint64_t a = *(const u64u *)s, b = *(const u64u *)(s + n - 8);
		*(u64u *)d = a, *(u64u *)(d + n - 8) = b;
	} else if (n >= 4) {
		uint32_t a = *(const u32u *)s, b = *(const u32u *)(s + n - 4);
		*(u32u *)d = a, *(u32u *)(d + n - 4) = b;
	} else if (n) {
		unsigned char a = s[0], b = s[n / 2], c = s[n - 1];
		d[0] = a, d[n / 2] = b, d[n - 1] = c;
	}
}

/* Sets n <= SMALL_MAX bytes to c. */
static inline void fill_small(unsigned char *d, unsigned char c, size_t n)
{
	uint64_t v = 0x0101010101010101ull * c;
	if (n >= 16) {
		*(u64u *)d = v, *(u64u *)(d + 8) = v;
		*(u64u *)(d + n - 16) = v, *(u64u *)(d + n - 8) = v;
	} else if (n >= 8) {
		*(u64u *)d = v, *(u64u *)(d + n - 8) = v;
	} else if (n >= 4) {
		*(u32u *)d = (uint32_t)v, *(u32u *)(d + n - 4) = (uint32_t)v;
	} else if (n) {
		d[0] = c, d[n / 2] = c, d[n - 1] = c;
	}
}
