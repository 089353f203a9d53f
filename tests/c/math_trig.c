// Trigonometric and hyperbolic functions at fixed points, printed to 10 significant digits.
#include <stdio.h>
#include <math.h>

int main(void) {
    const double pi = 3.14159265358979323846;
    for (int i = -8; i <= 8; i++) {
        double x = i * pi / 8;
        printf("%3d sin=% .10f cos=% .10f tan=% .10g atan=% .10f sinh=% .10g cosh=%.10g tanh=% .10f\n", i,
               sin(x), cos(x), (i == 4 || i == -4) ? 0.0 : tan(x), atan(x), sinh(x), cosh(x), tanh(x));
    }
    for (int i = -4; i <= 4; i++) {
        double y = i / 4.0;
        printf("y=% .2f asin=% .10f acos=%.10f asinh=% .10f atanh=% .10g\n", y, asin(y), acos(y), asinh(y),
               (i == 4 || i == -4) ? 0.0 : atanh(y));
    }
    double pts[][2] = {{1, 1}, {1, -1}, {-1, 1}, {-1, -1}, {0, 1}, {0, -1}, {1, 0}, {-1, 0}, {0.5, 3}};
    for (int i = 0; i < 9; i++) printf("atan2(%g,%g)=% .10f\n", pts[i][0], pts[i][1], atan2(pts[i][0], pts[i][1]));
    printf("large sin(1e6)=%.10f cos(1e6)=%.10f\n", sin(1e6), cos(1e6));
    printf("acosh(2)=%.10f\n", acosh(2.0));
    double s, c;
    s = sin(0.7); c = cos(0.7);
    printf("identity %.12f\n", s * s + c * c);
    printf("float sinf=%.6f cosf=%.6f atan2f=%.6f\n", (double)sinf(1.0f), (double)cosf(1.0f), (double)atan2f(1.0f, 2.0f));
    return 0;
}
