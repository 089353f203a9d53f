// strtol/strtoul/strtoll/strtoull/atoi: bases, overflow, endptr, errno.
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <limits.h>

/* musl sets EINVAL when no digits are found and glibc does not, so only ERANGE is shown */
static const char *ename(int e) {
    return e == ERANGE ? "ERANGE" : "-";
}

int main(void) {
    struct { const char *s; int base; } cases[] = {
        {"0", 10}, {"  +123abc", 10}, {"-123", 10}, {"0x1f", 16}, {"0x1f", 0}, {"017", 0},
        {"0b101", 0}, {"101", 2}, {"zz", 36}, {"Zz", 36}, {"9223372036854775807", 10},
        {"9223372036854775808", 10}, {"-9223372036854775808", 10}, {"-9223372036854775809", 10},
        {"99999999999999999999999", 0}, {"", 10}, {"   ", 10}, {"-", 10}, {"0x", 16},
        {"0xg", 0}, {"12 34", 10}, {"\t\n 56", 10}, {"7fffffff", 16}, {"-0x10", 0},
        {"18446744073709551615", 10}, {"18446744073709551616", 10}, {"-1", 10}, {"08", 0},
    };
    int n = sizeof cases / sizeof cases[0];
    for (int i = 0; i < n; i++) {
        char *end;
        errno = 0;
        long v = strtol(cases[i].s, &end, cases[i].base);
        int e1 = errno;
        long off1 = end - cases[i].s;
        errno = 0;
        unsigned long uv = strtoul(cases[i].s, &end, cases[i].base);
        int e2 = errno;
        long off2 = end - cases[i].s;
        errno = 0;
        long long llv = strtoll(cases[i].s, &end, cases[i].base);
        int e3 = errno;
        errno = 0;
        unsigned long long ullv = strtoull(cases[i].s, &end, cases[i].base);
        int e4 = errno;
        printf("%2d [%s] b%d: l=%ld(%s,+%ld) ul=%lu(%s,+%ld) ll=%lld(%s) ull=%llu(%s)\n", i,
               cases[i].s, cases[i].base, v, ename(e1), off1, uv, ename(e2), off2, llv, ename(e3),
               ullv, ename(e4));
    }
    printf("atoi %d %d %d\n", atoi("  -42x"), atoi("abc"), atoi("2147483647"));
    printf("atol %ld atoll %lld\n", atol("-9000000000"), atoll("9000000000"));
    char *end;
    errno = 0;
    long v = strtol("123", &end, 1);
    printf("base1: %ld einval=%d\n", v, errno == EINVAL);
    return 0;
}
