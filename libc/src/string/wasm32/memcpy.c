#include <string.h>
#include "small.h"

/* Short copies in Wasm code, longer ones by memory.copy (bulk memory) in
 * one instruction. */
void *memcpy(void *restrict dest, const void *restrict src, size_t n)
{
	if (n <= SMALL_MAX) copy_small(dest, src, n);
	else __builtin_memcpy(dest, src, n);
	return dest;
}
