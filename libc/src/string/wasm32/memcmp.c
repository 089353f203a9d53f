#include <string.h>
#include "small.h"

/* Eight bytes at a time; the first differing byte of two little-endian
 * words is the lowest set byte of their XOR. */
int memcmp(const void *vl, const void *vr, size_t n)
{
	const unsigned char *l = vl, *r = vr;
	for (; n >= 8; n -= 8, l += 8, r += 8) {
		uint64_t a = *(const u64u *)l, b = *(const u64u *)r;
		if (a != b) {
			unsigned k = __builtin_ctzll(a ^ b) >> 3;
			return l[k] - r[k];
		}
	}
	for (; n && *l == *r; n--, l++, r++);
	return n ? *l - *r : 0;
}
