// IEEE special values: classification, signs, comparisons, limits.
#include <stdio.h>
#include <math.h>
#include <float.h>

static const char *cls(double x) {
    switch (fpclassify(x)) {
    case FP_NAN: return "nan";
    case FP_INFINITE: return "inf";
    case FP_ZERO: return "zero";
    case FP_SUBNORMAL: return "subnormal";
    case FP_NORMAL: return "normal";
    }
    return "?";
}

int main(void) {
    volatile double zero = 0.0, one = 1.0;
    double vals[] = {0.0, -0.0, one / zero, -one / zero, zero / zero, DBL_MIN / 2, DBL_MIN, DBL_MAX, 1.0,
                     sqrt(-one), log(zero), log(-one)};
    for (int i = 0; i < 12; i++) {
        double x = vals[i];
        printf("%2d class=%-9s isnan=%d isinf=%d isfinite=%d isnormal=%d signbit=%d eq_self=%d\n", i, cls(x),
               isnan(x) != 0, isinf(x) != 0, isfinite(x) != 0, isnormal(x) != 0, isnan(x) ? -1 : signbit(x) != 0,
               x == x);
    }
    double n = zero / zero;
    printf("nan compares: < %d > %d == %d != %d unordered %d\n", n < 1, n > 1, n == n, n != n, isunordered(n, 1.0));
    printf("fmax(nan,1)=%g fmin(1,nan)=%g\n", fmax(n, 1), fmin(1, n));
    printf("-0 == 0: %d, 1/-0 = %g\n", -0.0 == 0.0, one / -zero);
    printf("DBL_MAX=%a DBL_MIN=%a DBL_EPSILON=%a DBL_MANT_DIG=%d DBL_DIG=%d\n", DBL_MAX, DBL_MIN, DBL_EPSILON,
           DBL_MANT_DIG, DBL_DIG);
    printf("FLT_MAX=%a FLT_MIN=%a FLT_EPSILON=%a FLT_MANT_DIG=%d\n", (double)FLT_MAX, (double)FLT_MIN,
           (double)FLT_EPSILON, FLT_MANT_DIG);
    printf("overflow %g underflow %g\n", DBL_MAX * 2, DBL_MIN * DBL_MIN);
    printf("float overflow %g\n", (double)((float)FLT_MAX * 2.0f));
    printf("HUGE_VAL %g INFINITY %g\n", HUGE_VAL, (double)INFINITY);
    printf("sizeof float %d double %d\n", (int)sizeof(float), (int)sizeof(double));
    printf("FLT_EVAL_METHOD=%d\n", FLT_EVAL_METHOD);
    return 0;
}
