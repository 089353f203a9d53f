// Floating-point conversions %f %e %g %a with flags, widths and precisions.
#include <stdio.h>
#include <math.h>
#include <float.h>

int main(void) {
    double vals[] = {0.0, -0.0, 1.0, -1.5, 0.1, 2.5, 3.5, 1e-5, 123456.789, 1e15, 1e16,
                     1e21, 6.02214076e23, 1.0/3.0, 2.0/3.0, 1e-300, 1e300, DBL_MAX, DBL_MIN,
                     DBL_EPSILON, 0.5, 1.25, 9.999999, 99999.5, 0.000123456};
    int n = sizeof vals / sizeof vals[0];
    for (int i = 0; i < n; i++) {
        double v = vals[i];
        printf("%d: [%f] [%.2f] [%.0f] [%e] [%.3E] [%g] [%.10g] [%G] [%a]\n",
               i, v, v, v, v, v, v, v, v, v);
    }
    printf("[%10.3f] [%-10.3f|] [%010.3f] [%+.3f] [% .3f] [%#.0f] [%#g] [%#.3g]\n",
           3.14159, 3.14159, -3.14159, 3.14159, 3.14159, 3.0, 1.0, 2.0);
    printf("[%*.*f] [%.*e] [%-12g|] [%+12.4e]\n", 12, 4, 2.718281828, 2, 12345.678, 0.0001, -5.5);
    printf("[%f] [%f] [%e] [%g] [%F] [%E] [%G] [%5f] [%-6f|]\n", INFINITY, -INFINITY, INFINITY,
           -INFINITY, INFINITY, -INFINITY, INFINITY, INFINITY, -INFINITY);
    printf("nan is nan: %d\n", isnan(NAN) != 0);
    printf("[%.20f] [%.17g] [%.30e]\n", 0.1, 0.1, 1.0/7.0);
    printf("[%.0f] [%.0f] [%.0f] [%.0f] [%.1f] [%.1f]\n", 0.5, 1.5, 2.5, -0.5, 0.25, 0.35);
    printf("[%g] [%g] [%g] [%g] [%g] [%g]\n", 100000.0, 1000000.0, 0.0001, 0.00001, 123456789.0, 1e-10);
    printf("[%a] [%A] [%.2a] [%.0a] [%a] [%a] [%a]\n", 1.0, 255.5, 1.999, 1.5, 0.1, -2.0, 1e100);
    printf("[%.60f]\n", 1e-50);
    printf("denormal [%g] [%.3e] [%d]\n", 5e-324, 5e-324, fpclassify(5e-324) == FP_SUBNORMAL);
    printf("[%f]\n", 1e100);
    printf("[%.3f] [%.3f]\n", (float)1.1f, (double)(float)16777217.0);
    /* accumulate a sum and print at fixed precision */
    double s = 0;
    for (int i = 1; i <= 1000; i++) s += 1.0 / i;
    printf("harmonic(1000) = %.15f\n", s);
    return 0;
}
