/* qsort for WALI: the sort of qsort_impl.h calling the two-argument
 * comparator directly (musl's qsort wraps it for qsort_r). */
#include <stdlib.h>

typedef int (*cmpfun)(const void *, const void *);

#define SORT(x) x
#define CMP_PARAMS cmpfun cmp
#define CMP_ARGS cmp
#define CMP(a, b) cmp(a, b)
#include "qsort_impl.h"

void qsort(void *base, size_t nel, size_t width, cmpfun cmp)
{
	run(base, nel, width, cmp);
}
