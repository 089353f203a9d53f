// Integer conversions of every width with flags, widths and precisions.
#include <stdio.h>
#include <stdint.h>
#include <stddef.h>
#include <limits.h>
#include <inttypes.h>

int main(void) {
    int fails = 0;
    printf("[%d] [%i] [%u] [%o] [%x] [%X]\n", 42, -42, 42u, 42u, 255u, 255u);
    printf("[%d] [%d] [%u]\n", INT_MIN, INT_MAX, UINT_MAX);
    printf("[%hd] [%hu] [%hhd] [%hhu]\n", (short)-1234, (unsigned short)65535,
           (signed char)-128, (unsigned char)255);
    printf("[%hd] [%hhd]\n", 70000, 300);
    printf("[%ld] [%ld] [%lu]\n", LONG_MIN, LONG_MAX, ULONG_MAX);
    printf("[%lld] [%lld] [%llu]\n", LLONG_MIN, LLONG_MAX, ULLONG_MAX);
    printf("[%lx] [%llX] [%lo]\n", 0xdeadbeefcafeL, 0xFEEDFACEDEADBEEFULL, 01234567012345L);
    printf("[%jd] [%ju] [%zu] [%zd] [%td]\n", (intmax_t)-9000000000LL, (uintmax_t)18000000000ULL,
           (size_t)123456, (ssize_t)-5, (ptrdiff_t)-77);
    printf("[%" PRId64 "] [%" PRIu64 "] [%" PRIx32 "] [%" PRIX16 "]\n",
           (int64_t)-1, (uint64_t)UINT64_MAX, (uint32_t)0xabcdef12u, (uint16_t)0xbeef);
    printf("[%+d] [%+d] [% d] [% d] [%+ d]\n", 5, -5, 5, -5, 5);
    printf("[%#o] [%#x] [%#X] [%#o] [%#x]\n", 8u, 255u, 255u, 0u, 0u);
    printf("[%5d] [%-5d] [%05d] [%-05d] [%5.3d] [%.0d] [%.0x] [%#.0o]\n",
           42, 42, -42, 42, 7, 0, 0u, 0u);
    printf("[%.10d] [%20.15lld] [%-20.3ld|]\n", -123, -123456789012LL, 99L);
    printf("[%*d] [%-*d] [%.*d] [%*.*d]\n", 6, 1, 6, 2, 4, 3, -8, 3, 4);
    printf("[%08.3d] [%+08d] [%-+8d] [% 08d]\n", 12, 12, 12, 12);
    printf("[%c%c%c] [%5c] [%-5c]\n", 'a', 'b', 'c', 'x', 'y');
    printf("[%%]\n");
    /* 64-bit long: %ld must print the full value */
    long big = 1L << 40;
    printf("[%ld] [%lu] sizeof(long)=%d\n", big, (unsigned long)big * 3, (int)sizeof(long));
    /* return value is the number of chars written */
    int n = printf("%s|%d|%lld\n", "count", 12345, 1LL << 62);
    printf("printf returned %d\n", n);
    if (n != 32) fails++;
    for (int i = -3; i <= 3; i++) printf("%3d:%-4x:%+.2o ", i, (unsigned)i & 0xff, (unsigned)(i * i));
    printf("\n");
    unsigned long long v = 1;
    for (int i = 0; i < 64; i += 7, v = v * 131 + 7) printf("%llu %llx %llo\n", v, v, v);
    return fails;
}
