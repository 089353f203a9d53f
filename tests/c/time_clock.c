// Clocks: monotonic non-decreasing, realtime plausible, clock_getres, gettimeofday vs time, nanosleep duration.
#define _GNU_SOURCE
#include <stdio.h>
#include <time.h>
#include <sys/time.h>
#include <errno.h>
#include <unistd.h>

static long long ns(struct timespec t) { return (long long)t.tv_sec * 1000000000LL + t.tv_nsec; }

int main(void) {
    struct timespec a, b, res;
    int ok = 1;
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (int i = 0; i < 10000; i++) {
        clock_gettime(CLOCK_MONOTONIC, &b);
        if (ns(b) < ns(a)) ok = 0;
        a = b;
    }
    printf("monotonic non-decreasing: %d\n", ok);
    printf("nsec in range: %d\n", b.tv_nsec >= 0 && b.tv_nsec < 1000000000L);
    struct timespec rt;
    clock_gettime(CLOCK_REALTIME, &rt);
    printf("realtime after 2023: %d\n", rt.tv_sec > 1672531200);
    time_t t = time(NULL);
    struct timeval tv;
    gettimeofday(&tv, NULL);
    printf("time/gettimeofday/realtime agree: %d\n", (tv.tv_sec - t) <= 1 && (tv.tv_sec - t) >= 0 &&
                                                       (t - rt.tv_sec) <= 1 && tv.tv_usec >= 0 && tv.tv_usec < 1000000);
    int r1 = clock_getres(CLOCK_MONOTONIC, &res);
    int r2 = clock_getres(CLOCK_REALTIME, &res);
    printf("getres monotonic=%d realtime=%d\n", r1, r2);
    printf("res positive and <= 1ms: %d\n", res.tv_sec == 0 && res.tv_nsec > 0 && res.tv_nsec <= 1000000);
    struct timespec c1, c2;
    printf("process cputime=%d thread cputime=%d boottime=%d\n", clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1),
           clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c2), clock_gettime(CLOCK_BOOTTIME, &c2));
    clock_t ck = clock();
    printf("clock() >= 0: %d\n", ck >= 0);
    struct timespec req = {0, 20 * 1000 * 1000}, rem = {7, 7};
    clock_gettime(CLOCK_MONOTONIC, &a);
    int r = nanosleep(&req, &rem);
    clock_gettime(CLOCK_MONOTONIC, &b);
    long long el = ns(b) - ns(a);
    printf("nanosleep=%d slept>=20ms: %d slept<2s: %d\n", r, el >= 20000000LL, el < 2000000000LL);
    req.tv_nsec = 5 * 1000 * 1000;
    clock_gettime(CLOCK_MONOTONIC, &a);
    r = clock_nanosleep(CLOCK_MONOTONIC, 0, &req, NULL);
    clock_gettime(CLOCK_MONOTONIC, &b);
    printf("clock_nanosleep=%d slept>=5ms: %d\n", r, ns(b) - ns(a) >= 5000000LL);
    struct timespec abs;
    clock_gettime(CLOCK_MONOTONIC, &abs);
    abs.tv_nsec += 10 * 1000 * 1000;
    if (abs.tv_nsec >= 1000000000L) { abs.tv_sec++; abs.tv_nsec -= 1000000000L; }
    r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &abs, NULL);
    clock_gettime(CLOCK_MONOTONIC, &b);
    printf("abs sleep=%d reached=%d\n", r, ns(b) >= ns(abs));
    req.tv_nsec = 2000000000L;
    r = nanosleep(&req, NULL);
    printf("invalid nsec: r=%d EINVAL=%d\n", r, errno == EINVAL);
    usleep(1000);
    printf("usleep done\n");
    printf("sleep(0)=%u\n", sleep(0));
    return 0;
}
