// snprintf truncation and return values, vsnprintf, size 0, exact fits.
#include <stdio.h>
#include <stdarg.h>
#include <string.h>

static int my_fmt(char *buf, size_t n, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int r = vsnprintf(buf, n, fmt, ap);
    va_end(ap);
    return r;
}

int main(void) {
    char buf[16];
    int fails = 0;
    int r = snprintf(NULL, 0, "%d-%s", 12345, "abcdef");
    printf("null/0 -> %d\n", r);
    if (r != 12) fails++;
    for (size_t n = 0; n <= 14; n++) {
        memset(buf, '#', sizeof buf);
        r = snprintf(buf, n, "%d-%s", 12345, "abcdef");
        buf[15] = 0;
        printf("n=%2zu r=%d buf=[%s]\n", n, r, n ? buf : "(untouched)");
        if (n == 0 && buf[0] != '#') fails++;
    }
    r = snprintf(buf, sizeof buf, "%s", "exactly15chars!");
    printf("exact r=%d [%s]\n", r, buf);
    r = snprintf(buf, sizeof buf, "%s", "sixteen chars!!!");
    printf("over r=%d [%s] len=%zu\n", r, buf, strlen(buf));
    r = my_fmt(buf, 8, "%05.1f|%x", 3.14159, 0xabcu);
    printf("vsnprintf r=%d [%s]\n", r, buf);
    char large[4096];
    r = snprintf(large, sizeof large, "%1000d%1000s%.500f", 1, "s", 1.0);
    printf("large r=%d len=%zu\n", r, strlen(large));
    r = snprintf(buf, 4, "%lld", -9223372036854775807LL - 1);
    printf("llmin r=%d [%s]\n", r, buf);
    r = snprintf(buf, sizeof buf, "%c%c%c", 'a', 0, 'b');
    printf("embedded nul r=%d strlen=%zu b=%c\n", r, strlen(buf), buf[2]);
    printf("fails=%d\n", fails);
    return fails;
}
