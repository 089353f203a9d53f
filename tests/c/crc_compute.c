// Pure computation: CRC-32, Adler-32, FNV-1a, a small SHA-like mixer, sieve of Eratosthenes, matrix multiply.
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <stdlib.h>

static uint32_t crc_table[256];
static void crc_init(void) {
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
}
static uint32_t crc32(const unsigned char *p, size_t n) {
    uint32_t c = 0xFFFFFFFFu;
    while (n--) c = crc_table[(c ^ *p++) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}
static uint32_t rotl(uint32_t x, int r) { return (x << r) | (x >> (32 - r)); }

int main(void) {
    crc_init();
    const char *s = "The quick brown fox jumps over the lazy dog";
    printf("crc32=%08x\n", crc32((const unsigned char *)s, strlen(s)));
    size_t n = 1 << 20;
    unsigned char *buf = malloc(n);
    uint64_t x = 88172645463325252ULL;
    for (size_t i = 0; i < n; i++) { x ^= x << 13; x ^= x >> 7; x ^= x << 17; buf[i] = (unsigned char)x; }
    printf("crc32(1MiB xorshift)=%08x\n", crc32(buf, n));
    uint32_t a = 1, b = 0;
    for (size_t i = 0; i < n; i++) { a = (a + buf[i]) % 65521; b = (b + a) % 65521; }
    printf("adler32=%08x\n", (b << 16) | a);
    uint64_t h = 14695981039346656037ULL;
    for (size_t i = 0; i < n; i++) { h ^= buf[i]; h *= 1099511628211ULL; }
    printf("fnv1a64=%016llx\n", (unsigned long long)h);
    uint32_t st[4] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
    for (size_t i = 0; i + 4 <= n; i += 4) {
        uint32_t w;
        memcpy(&w, buf + i, 4);
        st[0] = rotl(st[0] + (st[1] ^ st[2] ^ st[3]) + w, 7) + st[1];
        uint32_t t = st[3]; st[3] = st[2]; st[2] = st[1]; st[1] = st[0]; st[0] = t;
    }
    printf("mix=%08x%08x%08x%08x\n", st[0], st[1], st[2], st[3]);
    free(buf);
    int N = 2000000;
    char *sieve = calloc((size_t)N + 1, 1);
    int count = 0, last = 0;
    for (int i = 2; i <= N; i++) {
        if (sieve[i]) continue;
        count++; last = i;
        for (long long j = (long long)i * i; j <= N; j += i) sieve[j] = 1;
    }
    printf("primes<=%d: %d, last %d\n", N, count, last);
    free(sieve);
    enum { M = 64 };
    static double A[M][M], B[M][M], C[M][M];
    for (int i = 0; i < M; i++)
        for (int j = 0; j < M; j++) { A[i][j] = (i * 7 + j * 3) % 11 - 5; B[i][j] = (i * j) % 13 / 4.0; }
    for (int i = 0; i < M; i++)
        for (int j = 0; j < M; j++) {
            double acc = 0;
            for (int k = 0; k < M; k++) acc += A[i][k] * B[k][j];
            C[i][j] = acc;
        }
    double tr = 0;
    for (int i = 0; i < M; i++) tr += C[i][i] + C[i][M - 1 - i];
    printf("matrix trace-ish %.4f C[3][5]=%.4f\n", tr, C[3][5]);
    return 0;
}
