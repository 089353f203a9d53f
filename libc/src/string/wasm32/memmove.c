#include <string.h>
#include "small.h"

/* Short moves in Wasm code (copy_small reads everything first), longer ones
 * by memory.copy, which handles overlapping ranges. */
void *memmove(void *dest, const void *src, size_t n)
{
	if (n <= SMALL_MAX) copy_small(dest, src, n);
	else __builtin_memmove(dest, src, n);
	return dest;
}
