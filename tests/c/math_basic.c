// libm: sqrt, cbrt, pow, exp/log family, hypot, fmod, remainder, printed at a fixed precision.
#include <stdio.h>
#include <math.h>

int main(void) {
    double xs[] = {0.5, 1.0, 2.0, 3.0, 10.0, 0.001, 123.456, 1e10};
    for (int i = 0; i < 8; i++) {
        double x = xs[i];
        printf("x=%g sqrt=%.12g cbrt=%.12g exp=%.12g log=%.12g log2=%.12g log10=%.12g log1p=%.12g expm1=%.12g\n",
               x, sqrt(x), cbrt(x), x < 700 ? exp(x) : 0.0, log(x), log2(x), log10(x), log1p(x),
               x < 700 ? expm1(x) : 0.0);
    }
    /* NaN results are checked with isnan: the sign of a computed NaN differs between x86 and wasm */
    printf("pow: %.12g %.12g %.12g isnan=%d %.12g %.12g\n", pow(2, 10), pow(2, 0.5), pow(10, -3),
           isnan(pow(-8, 1.0 / 3)) != 0, pow(-2, 3), pow(1.0001, 10000));
    printf("pow special: %g %g %g %g\n", pow(0, 0), pow(2, -1074), pow(1, 1e300), pow(-1, 1e300));
    printf("hypot %.12g %.12g\n", hypot(3, 4), hypot(1e200, 1e200));
    printf("fmod %.12g %.12g %.12g %.12g\n", fmod(10, 3), fmod(-10, 3), fmod(5.5, 1.25), fmod(1e20, 7));
    printf("remainder %.12g %.12g %.12g\n", remainder(10, 3), remainder(11, 3), remainder(-7.5, 2));
    int q;
    double r = remquo(29.0, 3.0, &q);
    printf("remquo %.12g q%%8=%d\n", r, q & 7);
    printf("fabs %g %g copysign %g %g\n", fabs(-3.5), fabs(3.5), copysign(2, -0.0), copysign(-2, 1));
    printf("fdim %g %g fmax %g fmin %g\n", fdim(5, 3), fdim(3, 5), fmax(1, 2), fmin(1, 2));
    printf("fma %.17g\n", fma(0.1, 10, -1));
    printf("exp2 %.12g exp10-ish %.12g\n", exp2(10.5), pow(10, 2.5));
    printf("erf %.10g erfc %.10g tgamma %.10g lgamma %.10g\n", erf(0.5), erfc(0.5), tgamma(5.5), lgamma(10.5));
    /* float versions */
    printf("sqrtf %.6g powf %.6g expf %.6g logf %.6g\n", (double)sqrtf(2.0f), (double)powf(2.0f, 0.5f),
           (double)expf(1.0f), (double)logf(10.0f));
    /* an iterative computation: Newton's method and a series */
    double g = 1;
    for (int i = 0; i < 30; i++) g = g - (g * g * g - 2) / (3 * g * g);
    printf("newton cbrt2 %.15f vs %.15f\n", g, cbrt(2));
    double pi = 0;
    for (int k = 0; k < 100000; k++) pi += (k % 2 ? -4.0 : 4.0) / (2 * k + 1);
    printf("leibniz pi %.10f\n", pi);
    return 0;
}
