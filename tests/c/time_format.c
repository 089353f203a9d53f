// gmtime/timegm/strftime/asctime of fixed timestamps (UTC only, no time zone files).
#define _GNU_SOURCE
#include <stdio.h>
#include <time.h>
#include <string.h>

int main(void) {
    time_t stamps[] = {0, 1, 86399, 951782400, 951868800, 1000000000, 1234567890, 2147483647, 2147483648LL,
                       4102444800LL, -1, -86400, -2208988800LL, 1700000000, 1709208000};
    int n = sizeof stamps / sizeof stamps[0];
    for (int i = 0; i < n; i++) {
        struct tm tm;
        memset(&tm, 0, sizeof tm);
        gmtime_r(&stamps[i], &tm);
        char buf[256];
        strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S | %a %A %b %B | %j %u %w %U %W %V %G %g | %y %C %e %I %p %D %T %R %F %%", &tm);
        time_t back = timegm(&tm);
        printf("%lld: %s | yday=%d wday=%d isdst=%d | back=%d\n", (long long)stamps[i], buf, tm.tm_yday, tm.tm_wday,
               tm.tm_isdst, back == stamps[i]);
    }
    struct tm tm = {0};
    tm.tm_year = 2024 - 1900; tm.tm_mon = 1; tm.tm_mday = 30; tm.tm_hour = 25; tm.tm_min = 61; tm.tm_sec = 61;
    time_t t = timegm(&tm);
    printf("normalized: %lld -> %04d-%02d-%02d %02d:%02d:%02d wday=%d yday=%d\n", (long long)t, tm.tm_year + 1900,
           tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, tm.tm_wday, tm.tm_yday);
    time_t x = 1234567890;
    struct tm *g = gmtime(&x);
    char ab[64];
    asctime_r(g, ab);
    printf("asctime: %s", ab);
    printf("difftime: %.1f\n", difftime(2000, 500));
    char small[8];
    size_t r = strftime(small, sizeof small, "%Y-%m-%d", g);
    printf("strftime too small returns %zu\n", r);
    r = strftime(small, sizeof small, "", g);
    printf("strftime empty returns %zu\n", r);
    struct tm p;
    memset(&p, 0, sizeof p);
    char *end = strptime("2021-07-04 12:34:56", "%Y-%m-%d %H:%M:%S", &p);
    printf("strptime rest=[%s] %d %d %d %d %d %d\n", end ? end : "(null)", p.tm_year, p.tm_mon, p.tm_mday, p.tm_hour,
           p.tm_min, p.tm_sec);
    return 0;
}
