// Integer arithmetic: 64-bit ops, signed division/modulo, shifts, wraparound, 128-bit, bit tricks.
#include <stdio.h>
#include <stdint.h>
#include <limits.h>

int main(void) {
    long long a[] = {7, -7, 1000000007LL, -9223372036854775807LL, 123456789012345LL};
    long long b[] = {3, -3, 2, 1000, -97};
    for (int i = 0; i < 5; i++)
        for (int j = 0; j < 5; j++)
            printf("%lld/%lld=%lld %%=%lld ", a[i], b[j], a[i] / b[j], a[i] % b[j]);
    printf("\n");
    uint64_t u = 0xFFFFFFFFFFFFFFFFULL;
    printf("wrap %llu %llu\n", (unsigned long long)(u + 2), (unsigned long long)(u * u));
    uint32_t w = 0xFFFFFFFFu;
    printf("u32 wrap %u %u\n", w + 1u, w * w);
    printf("shifts %llx %llx %lld %d\n", 1ULL << 63, 0x8000000000000000ULL >> 17, (-1024LL) >> 3, -17 >> 2);
    printf("popcount %d clz %d ctz %d parity %d\n", __builtin_popcountll(0xF0F0F0F0F0F0F0F0ULL),
           __builtin_clzll(1ULL << 40), __builtin_ctzll(1ULL << 40), __builtin_parityll(7));
    printf("bswap %08x %016llx\n", __builtin_bswap32(0x12345678u), (unsigned long long)__builtin_bswap64(0x0102030405060708ULL));
    __int128 big = (__int128)0x7FFFFFFFFFFFFFFFLL * 0x7FFFFFFFFFFFFFFFLL;
    unsigned long long hi = (unsigned long long)((unsigned __int128)big >> 64), lo = (unsigned long long)big;
    printf("int128 mul hi=%llx lo=%llx\n", hi, lo);
    unsigned __int128 q = ((unsigned __int128)1 << 100) / 3;
    printf("int128 div hi=%llx lo=%llx mod=%llu\n", (unsigned long long)(q >> 64), (unsigned long long)q,
           (unsigned long long)(((unsigned __int128)1 << 100) % 1000000007));
    int ovf;
    long long res;
    ovf = __builtin_add_overflow(LLONG_MAX, 1LL, &res);
    printf("add_overflow %d %lld\n", ovf, res);
    ovf = __builtin_mul_overflow(3000000000LL, 4000000000LL, &res);
    printf("mul_overflow %d %lld\n", ovf, res);
    int ires;
    ovf = __builtin_mul_overflow(65536, 65536, &ires);
    printf("int mul_overflow %d %d\n", ovf, ires);
    /* collatz lengths, gcd, modpow as loops */
    long long maxlen = 0, arg = 0;
    for (long long n = 1; n < 100000; n++) {
        long long x = n, len = 1;
        while (x != 1) { x = (x & 1) ? 3 * x + 1 : x / 2; len++; }
        if (len > maxlen) { maxlen = len; arg = n; }
    }
    printf("collatz max %lld at %lld\n", maxlen, arg);
    unsigned long long base = 2, e = 1000000, m = 1000000007, r = 1;
    while (e) { if (e & 1) r = r * base % m; base = base * base % m; e >>= 1; }
    printf("modpow %llu\n", r);
    unsigned long long g1 = 1071 * 1000003ULL, g2 = 462 * 1000003ULL;
    while (g2) { unsigned long long t = g1 % g2; g1 = g2; g2 = t; }
    printf("gcd %llu\n", g1);
    signed char sc = (signed char)200;
    unsigned char uc = (unsigned char)-1;
    short sh = (short)40000;
    printf("narrowing %d %d %d char-signed=%d\n", sc, uc, sh, (char)-1 < 0);
    return 0;
}
