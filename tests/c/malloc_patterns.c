// malloc/calloc/realloc/free/aligned_alloc/posix_memalign: random sizes from 0 to 1 MiB,
// contents checked after every move, from 4 threads at once.
#define _GNU_SOURCE
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 512
static unsigned rnd(unsigned *s) { *s ^= *s << 13; *s ^= *s >> 17; *s ^= *s << 5; return *s; }
static size_t pick(unsigned *s) {
    unsigned r = rnd(s) % 100;
    if (r < 60) return rnd(s) % 257;
    if (r < 98) return rnd(s) % 16385;
    return rnd(s) % (1 << 20);
}
static int check(const unsigned char *p, size_t n, unsigned char tag) {
    for (size_t i = 0; i < n; i++) if (p[i] != (unsigned char)(tag + i)) return 0;
    return 1;
}
static void fill(unsigned char *p, size_t n, unsigned char tag) { for (size_t i = 0; i < n; i++) p[i] = tag + i; }

static void *worker(void *arg) {
    unsigned seed = 2463534242u + (unsigned)(uintptr_t)arg * 7919;
    unsigned char *p[SLOTS] = {0}; size_t n[SLOTS] = {0}; unsigned char tag[SLOTS] = {0};
    long bad = 0;
    for (int it = 0; it < 6000; it++) {
        int i = rnd(&seed) % SLOTS;
        unsigned op = rnd(&seed) % 10;
        if (p[i] && !check(p[i], n[i], tag[i])) bad++;
        if (op < 4) {
            free(p[i]); n[i] = pick(&seed); p[i] = malloc(n[i]);
        } else if (op < 7) {
            size_t m = pick(&seed);
            unsigned char *q = realloc(p[i], m);
            if (!q && m) { bad++; continue; }
            if (q && !check(q, n[i] < m ? n[i] : m, tag[i])) bad++;
            p[i] = q; n[i] = m;
        } else if (op < 8) {
            free(p[i]); n[i] = pick(&seed); p[i] = calloc(1, n[i]);
            for (size_t k = 0; k < n[i]; k++) if (p[i][k]) { bad++; break; }
        } else {
            size_t al = (size_t)16 << (rnd(&seed) % 10);
            free(p[i]); n[i] = pick(&seed);
            void *q = 0;
            if (op == 8) q = aligned_alloc(al, n[i]); else if (posix_memalign(&q, al, n[i])) q = 0;
            if (!q || ((uintptr_t)q & (al - 1))) bad++;
            p[i] = q;
        }
        if (p[i]) { tag[i] = rnd(&seed); fill(p[i], n[i], tag[i]); }
        if (n[i] && !p[i]) bad++;
        if (p[i] && ((uintptr_t)p[i] & 15)) bad++;
    }
    for (int i = 0; i < SLOTS; i++) { if (p[i] && !check(p[i], n[i], tag[i])) bad++; free(p[i]); }
    return (void *)bad;
}

int main(void) {
    pthread_t t[4]; long bad = 0;
    bad += (long)worker((void *)100);
    for (int i = 0; i < 4; i++) pthread_create(&t[i], 0, worker, (void *)(uintptr_t)i);
    for (int i = 0; i < 4; i++) { void *r; pthread_join(t[i], &r); bad += (long)r; }
    void *z = malloc(0); free(z);
    free(NULL);
    printf("malloc patterns: %s\n", bad ? "BAD" : "ok");
    return bad != 0;
}
