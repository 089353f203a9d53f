/* The sort behind qsort and qsort_r for WALI, included by qsort.c and
 * qsort_nr.c, each defining how the comparator is called:
 *   SORT(x)     the name of the including file's copy of function x
 *   CMP_PARAMS  the comparator parameters, CMP_ARGS passing them on
 *   CMP(a, b)   calls the comparator
 * Each comparison is an indirect call in Wasm, and dominates: so a merge
 * sort (fewest comparisons; stable, as glibc's qsort is when it can
 * allocate, so programs that rely on that unknowingly behave the same),
 * with its buffer of half the array from malloc; without one, an introsort
 * (median-of-three quicksort, heapsort when recursion gets too deep) in
 * place. Both finish short runs by insertion sort. musl's smoothsort made
 * several times more comparisons on random input. Two copies let qsort call
 * its two-argument comparator directly rather than through a three-argument
 * wrapper, a second indirect call per comparison (Wasm cannot call a
 * function through a pointer of another type, as C libraries elsewhere do). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Short runs are finished by insertion sort. */
#define SMALL 12

static void swap(char *a, char *b, size_t w)
{
	if (w == 4 && !(((uintptr_t)a | (uintptr_t)b) & 3)) {
		uint32_t t = *(uint32_t *)a;
		*(uint32_t *)a = *(uint32_t *)b;
		*(uint32_t *)b = t;
		return;
	}
	if (w == 8 && !(((uintptr_t)a | (uintptr_t)b) & 7)) {
		uint64_t t = *(uint64_t *)a;
		*(uint64_t *)a = *(uint64_t *)b;
		*(uint64_t *)b = t;
		return;
	}
	unsigned char t[64];
	while (w) {
		size_t n = w < sizeof t ? w : sizeof t;
		memcpy(t, a, n);
		memcpy(a, b, n);
		memcpy(b, t, n);
		a += n, b += n, w -= n;
	}
}

static void SORT(insertion)(char *lo, size_t n, size_t w, CMP_PARAMS)
{
	for (size_t i = 1; i < n; i++)
		for (char *p = lo + i * w; p > lo && CMP(p - w, p) > 0; p -= w)
			swap(p - w, p, w);
}

static void SORT(sift_down)(char *base, size_t root, size_t n, size_t w, CMP_PARAMS)
{
	for (;;) {
		size_t child = 2 * root + 1;
		if (child >= n) return;
		if (child + 1 < n && CMP(base + child * w, base + (child + 1) * w) < 0) child++;
		if (CMP(base + root * w, base + child * w) >= 0) return;
		swap(base + root * w, base + child * w, w);
		root = child;
	}
}

static void SORT(heapsort)(char *base, size_t n, size_t w, CMP_PARAMS)
{
	for (size_t i = n / 2; i-- > 0;) SORT(sift_down)(base, i, n, w, CMP_ARGS);
	for (size_t end = n; end-- > 1;) {
		swap(base, base + end * w, w);
		SORT(sift_down)(base, 0, end, w, CMP_ARGS);
	}
}

static void SORT(sort)(char *lo, size_t n, size_t w, CMP_PARAMS, int depth)
{
	while (n > SMALL) {
		if (depth-- == 0) {
			SORT(heapsort)(lo, n, w, CMP_ARGS);
			return;
		}
		/* Median of first, middle and last goes to the front as the pivot. */
		char *mid = lo + (n / 2) * w, *last = lo + (n - 1) * w;
		if (CMP(mid, lo) < 0) swap(mid, lo, w);
		if (CMP(last, mid) < 0) {
			swap(last, mid, w);
			if (CMP(mid, lo) < 0) swap(mid, lo, w);
		}
		swap(lo, mid, w);
		/* Hoare partition around *lo; elements equal to the pivot stop both
		 * scans, which keeps runs of equal keys balanced. */
		char *i = lo, *j = lo + n * w;
		for (;;) {
			do i += w; while (i < j && CMP(i, lo) < 0);
			do j -= w; while (CMP(j, lo) > 0);
			if (i >= j) break;
			swap(i, j, w);
		}
		swap(lo, j, w);
		/* Recurse into the smaller side, loop on the larger: O(log n) stack. */
		size_t left = (size_t)(j - lo) / w, right = n - left - 1;
		if (left < right) {
			SORT(sort)(lo, left, w, CMP_ARGS, depth);
			lo = j + w, n = right;
		} else {
			SORT(sort)(j + w, right, w, CMP_ARGS, depth);
			n = left;
		}
	}
	SORT(insertion)(lo, n, w, CMP_ARGS);
}

/* Copies one element (w bytes, not overlapping). */
static inline void copy1(char *to, const char *from, size_t w)
{
	if (w == 4 && !(((uintptr_t)to | (uintptr_t)from) & 3)) *(uint32_t *)to = *(const uint32_t *)from;
	else if (w == 8 && !(((uintptr_t)to | (uintptr_t)from) & 7)) *(uint64_t *)to = *(const uint64_t *)from;
	else memcpy(to, from, w);
}

/* Sorts n elements at a, using tmp (room for n / 2 of them). */
static void SORT(merge)(char *a, char *tmp, size_t n, size_t w, CMP_PARAMS)
{
	if (n <= SMALL) {
		SORT(insertion)(a, n, w, CMP_ARGS);
		return;
	}
	size_t h = n / 2;
	char *r = a + h * w, *end = a + n * w;
	SORT(merge)(a, tmp, h, w, CMP_ARGS);
	SORT(merge)(r, tmp, n - h, w, CMP_ARGS);
	if (CMP(r - w, r) <= 0) return; /* already in order */
	/* The left half moves out; merging fills a from the front, never
	 * overtaking the right half's unread elements. Ties take the left. */
	memcpy(tmp, a, h * w);
	char *l = tmp, *lend = tmp + h * w, *out = a;
	while (l < lend && r < end) {
		/* Without branches: which side wins is unpredictable. */
		size_t right = CMP(r, l) < 0;
		copy1(out, right ? r : l, w);
		r += right * w;
		l += (right ^ 1) * w;
		out += w;
	}
	memcpy(out, l, lend - l);
}

static void SORT(run)(void *base, size_t nel, size_t width, CMP_PARAMS)
{
	if (nel < 2 || !width) return;
	size_t half = nel / 2 * width;
	char stack[1024];
	char *tmp = half <= sizeof stack ? stack : half / width == nel / 2 ? malloc(half) : 0;
	if (tmp) {
		SORT(merge)(base, tmp, nel, width, CMP_ARGS);
		if (tmp != stack) free(tmp);
		return;
	}
	int depth = 0;
	for (size_t m = nel; m; m >>= 1) depth += 2;
	SORT(sort)(base, nel, width, CMP_ARGS, depth);
}
