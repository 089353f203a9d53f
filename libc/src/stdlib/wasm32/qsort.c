/* qsort_r for WALI: see qsort_impl.h. */
#define _BSD_SOURCE
#include <stdlib.h>

typedef int (*cmpfun)(const void *, const void *, void *);

#define SORT(x) x##_r
#define CMP_PARAMS cmpfun cmp, void *arg
#define CMP_ARGS cmp, arg
#define CMP(a, b) cmp(a, b, arg)
#include "qsort_impl.h"

void __qsort_r(void *base, size_t nel, size_t width, cmpfun cmp, void *arg)
{
	run_r(base, nel, width, cmp, arg);
}

weak_alias(__qsort_r, qsort_r);
