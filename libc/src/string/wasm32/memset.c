#include <string.h>
#include "small.h"

/* Short fills in Wasm code, longer ones by memory.fill (bulk memory). */
void *memset(void *dest, int c, size_t n)
{
	if (n <= SMALL_MAX) fill_small(dest, (unsigned char)c, n);
	else __builtin_memset(dest, c, n);
	return dest;
}
