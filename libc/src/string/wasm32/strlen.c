#include <string.h>
#include "simd.h"

SIMD size_t strlen(const char *s)
{
	return scan(s, 0, 0, 0, 0);
}
