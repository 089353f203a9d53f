// strtod/strtof/atof: decimal, hex floats, inf/nan, overflow/underflow, endptr.
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <math.h>

int main(void) {
    const char *cases[] = {
        "0", "-0", "1", "3.14159", "  +2.5e3xyz", "1e308", "1e309", "-1e309", "1e-320", "1e-400",
        "0x1p-1074", "0x1.fffffffffffffp1023", "0x10", "0X1.8P+1", "inf", "-INF", "infinity",
        "infinit", "nan", "NaN(123)", ".5", "5.", ".", "e5", "1e", "1e+", "0.1", "0.30000000000000004",
        "2.2250738585072014e-308", "4.9e-324", "123456789012345678901234567890", "1.7976931348623157e308",
        "1.7976931348623159e308", "0.000000000000000000000000000000000000001", "-.25e-1",
        "9007199254740993", "1_000",
    };
    int n = sizeof cases / sizeof cases[0];
    for (int i = 0; i < n; i++) {
        char *end;
        errno = 0;
        double d = strtod(cases[i], &end);
        int e = errno;
        long off = end - cases[i];
        errno = 0;
        float f = strtof(cases[i], NULL);
        int ef = errno;
        if (isnan(d))
            printf("%2d [%s] -> nan off=%ld\n", i, cases[i], off);
        else
            /* %a of subnormals differs between C libraries (both correct), so skip it there;
               ERANGE for an inexact subnormal result also differs (glibc sets it) */
            printf("%2d [%s] -> %.17g %a erange=%d off=%ld | f=%.9g erange=%d\n", i, cases[i], d,
                   fpclassify(d) == FP_SUBNORMAL ? 0.0 : d, fpclassify(d) == FP_SUBNORMAL ? -1 : e == ERANGE, off, (double)f, ef == ERANGE);
    }
    printf("atof %.6f\n", atof("  -12.5e-1"));
    return 0;
}
