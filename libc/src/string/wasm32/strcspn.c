#include <string.h>
#include "simd.h"

/* Up to four rejected bytes (SQLite's LIKE passes two or three) are
 * compared sixteen string bytes at a time; a longer set goes through a
 * 256-bit table, one string byte at a time. */
SIMD size_t strcspn(const char *s, const char *reject)
{
	const unsigned char *r = (const unsigned char *)reject;
	unsigned char c[4] = { 0, 0, 0, 0 };
	size_t n = 0;
	for (; n < 4 && r[n]; n++) c[n] = r[n];
	if (n < 4 || !r[4])
		return scan(s, c[0], c[1], c[2], c[3]);

	uint32_t table[8] = { 1 }; /* NUL ends the scan */
	for (; *r; r++) table[*r >> 5] |= 1u << (*r & 31);
	const unsigned char *p = (const unsigned char *)s;
	while (!(table[*p >> 5] >> (*p & 31) & 1)) p++;
	return (size_t)(p - (const unsigned char *)s);
}
