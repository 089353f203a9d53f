// CPU-bound kernels: prints "<name> <best of 5 in ms> <checksum>" per kernel.
// Built natively and with wali-cc by bench/run; the checksums must agree.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

#define N 192
static double A[N][N], B[N][N], C[N][N];
static uint64_t matmul(void) {
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) { A[i][j] = (i * 7 + j) % 13; B[i][j] = (i + j * 3) % 11; C[i][j] = 0; }
    for (int i = 0; i < N; i++)
        for (int k = 0; k < N; k++) {
            double a = A[i][k];
            for (int j = 0; j < N; j++) C[i][j] += a * B[k][j];
        }
    double s = 0;
    for (int i = 0; i < N; i++) s += C[i][i];
    return (uint64_t)s;
}

static uint64_t sieve(void) {
    enum { M = 4000000 };
    static unsigned char composite[M];
    memset(composite, 0, sizeof composite);
    uint64_t count = 0;
    for (long i = 2; i < M; i++) {
        if (composite[i]) continue;
        count += i;
        /* 64-bit: i * i overflows a wasm32 long. */
        for (long long j = (long long)i * i; j < M; j += i) composite[j] = 1;
    }
    return count;
}

static uint64_t hash_mix(void) {
    uint64_t h = 1469598103934665603ULL, x = 88172645463325252ULL;
    for (long i = 0; i < 20000000; i++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        h = (h ^ (x & 0xff)) * 1099511628211ULL;
    }
    return h;
}

static int cmp_u32(const void *a, const void *b) {
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}
static uint64_t sorting(void) {
    enum { K = 400000 };
    uint32_t *v = malloc(K * sizeof *v), s = 2463534242u;
    for (int i = 0; i < K; i++) { s ^= s << 13; s ^= s >> 17; s ^= s << 5; v[i] = s; }
    qsort(v, K, sizeof *v, cmp_u32);
    uint64_t r = v[0] + v[K / 2] + v[K - 1];
    free(v);
    return r;
}

typedef struct node { struct node *l, *r; } node;
static node *tree(int d) {
    node *n = malloc(sizeof *n);
    n->l = d ? tree(d - 1) : NULL;
    n->r = d ? tree(d - 1) : NULL;
    return n;
}
static long check(node *n) { long c = 1 + (n->l ? check(n->l) + check(n->r) : 0); free(n); return c; }
static uint64_t alloc_tree(void) {
    uint64_t total = 0;
    for (int i = 0; i < 20; i++) total += check(tree(15));
    return total;
}

static void run(const char *name, uint64_t (*fn)(void)) {
    double best = 1e18;
    uint64_t sum = 0;
    for (int i = 0; i < 5; i++) {
        double t0 = now_ms();
        sum = fn();
        double t = now_ms() - t0;
        if (t < best) best = t;
    }
    printf("%s %.2f %llu\n", name, best, (unsigned long long)sum);
    fflush(stdout);
}

int main(void) {
    run("matmul", matmul);
    run("sieve", sieve);
    run("hash_mix", hash_mix);
    run("qsort", sorting);
    run("alloc_tree", alloc_tree);
    return 0;
}
