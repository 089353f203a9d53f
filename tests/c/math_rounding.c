// Rounding functions and exact float decomposition (results are exact, printed with %a/%g).
#include <stdio.h>
#include <math.h>
#include <fenv.h>

int main(void) {
    printf("fegetround is FE_TONEAREST: %d\n", fegetround() == FE_TONEAREST);
    double v[] = {-2.5, -1.5, -0.5, -0.49999999999999994, 0.5, 1.5, 2.5, 3.7, -3.7, 1e16 + 1, 4503599627370497.0, -0.0};
    for (int i = 0; i < 12; i++) {
        double x = v[i];
        printf("%-22.17g round=%g floor=%g ceil=%g trunc=%g rint=%g nearbyint=%g lround=%ld llrint=%lld lrint=%ld\n",
               x, round(x), floor(x), ceil(x), trunc(x), rint(x), nearbyint(x), lround(x), llrint(x), lrint(x));
    }
    double ip;
    double fp = modf(-3.75, &ip);
    printf("modf %g %g\n", fp, ip);
    int e;
    double m = frexp(48.0, &e);
    printf("frexp %g %d\n", m, e);
    m = frexp(1e-310, &e);
    printf("frexp subnormal %.17g %d\n", m, e);
    printf("ldexp %g %g\n", ldexp(0.75, 4), ldexp(1, -1074) * 4);
    printf("ilogb %d %d logb %g\n", ilogb(1024), ilogb(0.1), logb(1e300));
    printf("scalbn %g scalbln %g\n", scalbn(3, 5), scalbln(1, -3));
    printf("nextafter %a %a %a\n", nextafter(1.0, 2.0), nextafter(1.0, 0.0), nextafter(0.0, 1.0) * 0x1p1000);
    printf("nextafterf %a\n", (double)nextafterf(1.0f, 2.0f));
    printf("float round %g %g\n", (double)roundf(2.5f), (double)rintf(2.5f));
    printf("conversions: (int)3.99=%d (int)-3.99=%d (long)1e18=%ld (unsigned)3e9=%u\n", (int)3.99, (int)-3.99,
           (long)1e18, (unsigned)3e9);
    printf("u64->double %.1f %.1f\n", (double)18446744073709551615ULL, (double)9007199254740993ULL);
    printf("i64->float %.1f\n", (double)(float)16777217LL);
    volatile double third = 1.0 / 3.0;
    printf("float(third) %a double %a\n", (double)(float)third, third);
    return 0;
}
