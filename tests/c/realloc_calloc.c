// realloc growth/shrink preserves content, calloc zeroes, posix_memalign/aligned_alloc alignment, big blocks.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

int main(void) {
    int bad = 0;
    unsigned char *p = NULL;
    size_t cur = 0;
    for (size_t sz = 1; sz <= (1u << 24); sz = sz * 3 + 1) {
        unsigned char *q = realloc(p, sz);
        if (!q) { printf("realloc %zu failed\n", sz); return 1; }
        for (size_t i = 0; i < cur && i < sz; i++) if (q[i] != (unsigned char)(i ^ (i >> 8))) { bad++; break; }
        for (size_t i = cur; i < sz; i++) q[i] = (unsigned char)(i ^ (i >> 8));
        p = q; cur = sz;
    }
    printf("grew to %zu bad=%d\n", cur, bad);
    while (cur > 10) {
        cur /= 5;
        p = realloc(p, cur);
        for (size_t i = 0; i < cur; i++) if (p[i] != (unsigned char)(i ^ (i >> 8))) { bad++; break; }
    }
    printf("shrunk to %zu bad=%d\n", cur, bad);
    free(p);
    p = realloc(NULL, 100);
    printf("realloc(NULL) non-null %d\n", p != NULL);
    free(p);
    for (size_t n = 1; n < 5000000; n *= 7) {
        unsigned char *z = calloc(n, 3);
        size_t nz = 0;
        for (size_t i = 0; i < n * 3; i++) nz += z[i] != 0;
        memset(z, 0xAB, n * 3);
        free(z);
        printf("calloc(%zu,3) nonzero=%zu\n", n, nz);
        if (nz) bad++;
    }
    /* overflows with 32- and 64-bit size_t; called through a volatile pointer so that
       the compiler cannot elide the allocation and assume it succeeded */
    void *(*volatile calloc_p)(size_t, size_t) = calloc;
    void *big = calloc_p(SIZE_MAX / 2, 3);
    printf("calloc overflow -> NULL %d\n", big == NULL);
    for (size_t al = 8; al <= 65536; al *= 4) {
        void *m = NULL;
        int r = posix_memalign(&m, al, 1000);
        void *m2 = aligned_alloc(al, al * 2);
        printf("align %zu: posix_memalign r=%d ok=%d aligned_alloc ok=%d\n", al, r, ((uintptr_t)m % al) == 0,
               m2 && ((uintptr_t)m2 % al) == 0);
        free(m);
        free(m2);
    }
    /* 64 MiB block, touch every page */
    size_t bigsz = (size_t)64 << 20;
    unsigned char *blk = malloc(bigsz);
    unsigned long sum = 0;
    for (size_t i = 0; i < bigsz; i += 4096) blk[i] = (unsigned char)(i >> 12);
    for (size_t i = 0; i < bigsz; i += 4096) sum += blk[i];
    free(blk);
    printf("64MiB page sum=%lu\n", sum);
    return bad;
}
