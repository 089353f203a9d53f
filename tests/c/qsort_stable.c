// qsort and qsort_r keep equal elements in their original order, as glibc's
// merge sort does (programs come to rely on it): records with few distinct
// keys, 4-, 8-, 12- and 41-byte elements, sizes around the sort's internal
// thresholds; prints a checksum of each resulting order.
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned s = 2024;
static unsigned rnd(void) { s ^= s << 13; s ^= s >> 17; s ^= s << 5; return s; }

// Key in the first byte or word, the original index after it (where it fits).
static int by_byte(const void *a, const void *b) { return *(const uint8_t *)a - *(const uint8_t *)b; }
static int by_byte_r(const void *a, const void *b, void *calls) {
    ++*(long *)calls;
    return by_byte(a, b);
}

static uint64_t order_hash(const unsigned char *v, size_t n, size_t w) {
    uint64_t h = 1469598103934665603u;
    for (size_t i = 0; i < n * w; i++) h = (h ^ v[i]) * 1099511628211u;
    return h;
}

int main(void) {
    size_t widths[] = { 4, 8, 12, 41 };
    size_t sizes[] = { 2, 11, 12, 13, 25, 100, 255, 256, 257, 1000, 5000, 100000 };
    for (int wi = 0; wi < 4; wi++) {
        for (int si = 0; si < 12; si++) {
            size_t w = widths[wi], n = sizes[si];
            unsigned char *v = malloc(n * w);
            for (size_t i = 0; i < n; i++) {
                memset(v + i * w, 0, w);
                v[i * w] = rnd() % 7;                          // few distinct keys
                uint32_t idx = (uint32_t)i;
                memcpy(v + i * w + 1, &idx, w - 1 < 3 ? w - 1 : 3); // low 3 bytes of the index
            }
            qsort(v, n, w, by_byte);
            int sorted = 1, stable = 1;
            for (size_t i = 1; i < n; i++) {
                const unsigned char *p = v + (i - 1) * w, *q = v + i * w;
                if (p[0] > q[0]) sorted = 0;
                uint32_t a = 0, b = 0;
                memcpy(&a, p + 1, 3), memcpy(&b, q + 1, 3);
                if (p[0] == q[0] && a > b) stable = 0;
            }
            uint64_t h = order_hash(v, n, w);
            long calls = 0;
            qsort_r(v, n, w, by_byte_r, &calls); // already sorted: a stable sort keeps the order
            printf("w=%zu n=%zu sorted=%d stable=%d hash=%016llx resort_kept=%d\n", w, n, sorted, stable,
                   (unsigned long long)h, order_hash(v, n, w) == h);
            free(v);
        }
    }
    return 0;
}
