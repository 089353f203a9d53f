// sscanf conversions, scansets, suppression, widths, return counts.
#include <stdio.h>
#include <string.h>

int main(void) {
    int a = -1, b = -1, c = -1, r;
    long l = 0; long long ll = 0; unsigned u = 0; double d = 0; float f = 0;
    char s1[32] = "", s2[32] = "";
    short h = 0; signed char hh = 0;

    r = sscanf("10 20 30", "%d %d %d", &a, &b, &c);
    printf("1: r=%d %d %d %d\n", r, a, b, c);
    r = sscanf("  -7xyz", "%d%s", &a, s1);
    printf("2: r=%d %d [%s]\n", r, a, s1);
    r = sscanf("0x1F 017 0b", "%i %i %x", &a, &b, &c);
    printf("3: r=%d %d %d %d\n", r, a, b, c);
    r = sscanf("123456789012 -9000000000000000000", "%ld %lld", &l, &ll);
    printf("4: r=%d %ld %lld\n", r, l, ll);
    r = sscanf("3.25e2 -0.5", "%lf %f", &d, &f);
    printf("5: r=%d %.3f %.3f\n", r, d, (double)f);
    r = sscanf("abc123def", "%[a-z]%d%[^\n]", s1, &a, s2);
    printf("6: r=%d [%s] %d [%s]\n", r, s1, a, s2);
    r = sscanf("key=value;rest", "%31[^=]=%31[^;]", s1, s2);
    printf("7: r=%d [%s] [%s]\n", r, s1, s2);
    r = sscanf("12345678", "%3d%2d%d", &a, &b, &c);
    printf("8: r=%d %d %d %d\n", r, a, b, c);
    r = sscanf("1 2 3", "%*d %d %*d", &a);
    printf("9: r=%d %d\n", r, a);
    r = sscanf("", "%d", &a);
    printf("10: r=%d (EOF=%d)\n", r, r == EOF);
    r = sscanf("abc", "%d", &a);
    printf("11: r=%d\n", r);
    r = sscanf("4294967295 70000 200", "%u %hd %hhd", &u, &h, &hh);
    printf("12: r=%d %u %d %d\n", r, u, h, hh);
    r = sscanf("a,b,,c", "%[^,],%[^,],", s1, s2);
    printf("13: r=%d [%s] [%s]\n", r, s1, s2);
    r = sscanf("100%", "%d%%", &a);
    printf("14: r=%d %d\n", r, a);
    char ch1 = 0, ch2 = 0;
    r = sscanf(" x y", "%c %c", &ch1, &ch2);
    printf("15: r=%d [%c] [%c]\n", r, ch1, ch2);
    r = sscanf("2024-02-29T13:45:07", "%d-%d-%dT%d:%d:%d", &a, &b, &c, &a, &b, &c);
    printf("16: r=%d %d:%d:%d\n", r, a, b, c);
    r = sscanf("inf -infinity", "%lf %f", &d, &f);
    printf("17: r=%d %f %f\n", r, d, (double)f);
    r = sscanf("0x1.8p1", "%lf", &d);
    printf("18: r=%d %g\n", r, d);
    r = sscanf("  42  ", " %d ", &a);
    printf("19: r=%d %d\n", r, a);
    r = sscanf("-0", "%u", &u);
    printf("20: r=%d %u\n", r, u);
    return 0;
}
