// Variadic functions: mixed int/long long/double arguments, va_copy, many arguments.
#include <stdio.h>
#include <stdarg.h>
#include <string.h>

static double sum_mixed(const char *types, ...) {
    va_list ap;
    va_start(ap, types);
    double total = 0;
    for (const char *t = types; *t; t++) {
        switch (*t) {
        case 'i': total += va_arg(ap, int); break;
        case 'l': total += (double)va_arg(ap, long); break;
        case 'L': total += (double)va_arg(ap, long long); break;
        case 'd': total += va_arg(ap, double); break;
        case 's': total += (double)strlen(va_arg(ap, const char *)); break;
        case 'c': total += va_arg(ap, int); break;
        }
    }
    va_end(ap);
    return total;
}

static void twice(const char *fmt, ...) {
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    vprintf(fmt, ap);
    vprintf(fmt, ap2);
    va_end(ap2);
    va_end(ap);
}

static long long sum_n(int n, ...) {
    va_list ap;
    va_start(ap, n);
    long long s = 0;
    for (int i = 0; i < n; i++) s += va_arg(ap, long long) * (i + 1);
    va_end(ap);
    return s;
}

static int many(int a, int b, int c, int d, int e, int f, int g, int h, int i, int j, long long k, double l) {
    return a + b * 2 + c * 3 + d * 4 + e * 5 + f * 6 + g * 7 + h * 8 + i * 9 + j * 10 + (int)k + (int)l;
}

int main(void) {
    printf("sum_mixed %.3f\n", sum_mixed("ilLdsc", 1, 2L, 3000000000LL, 0.5, "four", 'A'));
    printf("sum_mixed %.3f\n", sum_mixed("dddddddddd", 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0));
    twice("[%d %s %.2f %lld]\n", 7, "x", 2.25, -5LL);
    printf("sum_n %lld\n", sum_n(12, 1LL, 2LL, 3LL, 4LL, 5LL, 6LL, 7LL, 8LL, 9LL, 10LL, 1LL << 40, -(1LL << 41)));
    printf("many %d\n", many(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100000, 0.5e3));
    return 0;
}
