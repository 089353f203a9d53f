/* qsort_r for WALI: introsort (median-of-three quicksort, insertion sort
 * for short runs, heapsort when recursion gets too deep). musl's generic
 * smoothsort makes several times more comparator calls on random input,
 * and each is an indirect call in Wasm. In place, no allocation, O(n log n)
 * worst case, not stable (C does not require it). */
#define _BSD_SOURCE
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

typedef int (*cmpfun)(const void *, const void *, void *);

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

static void insertion(char *lo, size_t n, size_t w, cmpfun cmp, void *arg)
{
	for (size_t i = 1; i < n; i++)
		for (char *p = lo + i * w; p > lo && cmp(p - w, p, arg) > 0; p -= w)
			swap(p - w, p, w);
}

static void sift_down(char *base, size_t root, size_t n, size_t w, cmpfun cmp, void *arg)
{
	for (;;) {
		size_t child = 2 * root + 1;
		if (child >= n) return;
		if (child + 1 < n && cmp(base + child * w, base + (child + 1) * w, arg) < 0) child++;
		if (cmp(base + root * w, base + child * w, arg) >= 0) return;
		swap(base + root * w, base + child * w, w);
		root = child;
	}
}

static void heapsort(char *base, size_t n, size_t w, cmpfun cmp, void *arg)
{
	for (size_t i = n / 2; i-- > 0;) sift_down(base, i, n, w, cmp, arg);
	for (size_t end = n; end-- > 1;) {
		swap(base, base + end * w, w);
		sift_down(base, 0, end, w, cmp, arg);
	}
}

static void sort(char *lo, size_t n, size_t w, cmpfun cmp, void *arg, int depth)
{
	while (n > SMALL) {
		if (depth-- == 0) {
			heapsort(lo, n, w, cmp, arg);
			return;
		}
		/* Median of first, middle and last goes to the front as the pivot. */
		char *mid = lo + (n / 2) * w, *last = lo + (n - 1) * w;
		if (cmp(mid, lo, arg) < 0) swap(mid, lo, w);
		if (cmp(last, mid, arg) < 0) {
			swap(last, mid, w);
			if (cmp(mid, lo, arg) < 0) swap(mid, lo, w);
		}
		swap(lo, mid, w);
		/* Hoare partition around *lo; elements equal to the pivot stop both
		 * scans, which keeps runs of equal keys balanced. */
		char *i = lo, *j = lo + n * w;
		for (;;) {
			do i += w; while (i < j && cmp(i, lo, arg) < 0);
			do j -= w; while (cmp(j, lo, arg) > 0);
			if (i >= j) break;
			swap(i, j, w);
		}
		swap(lo, j, w);
		/* Recurse into the smaller side, loop on the larger: O(log n) stack. */
		size_t left = (size_t)(j - lo) / w, right = n - left - 1;
		if (left < right) {
			sort(lo, left, w, cmp, arg, depth);
			lo = j + w, n = right;
		} else {
			sort(j + w, right, w, cmp, arg, depth);
			n = left;
		}
	}
	insertion(lo, n, w, cmp, arg);
}

void __qsort_r(void *base, size_t nel, size_t width, cmpfun cmp, void *arg)
{
	if (nel < 2 || !width) return;
	int depth = 0;
	for (size_t m = nel; m; m >>= 1) depth += 2;
	sort(base, nel, width, cmp, arg, depth);
}

weak_alias(__qsort_r, qsort_r);
