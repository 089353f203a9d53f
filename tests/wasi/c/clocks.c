// Clocks (monotonic increases, realtime plausible, resolutions, nanosleep
// about 50 ms) and random_get (not constant). Prints only verdicts.
#include "../common.h"
#include <time.h>
#include <sys/time.h>
#include <unistd.h>

static int64_t ns(clockid_t c) {
    struct timespec t;
    clock_gettime(c, &t);
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

int main(void) {
    int64_t prev = ns(CLOCK_MONOTONIC), mono_ok = 1;
    for (int i = 0; i < 10000; i++) {
        int64_t now = ns(CLOCK_MONOTONIC);
        if (now < prev) mono_ok = 0;
        prev = now;
    }
    printf("monotonic never decreases: %lld\n", (long long)mono_ok);
    int64_t rt = ns(CLOCK_REALTIME);
    printf("realtime after 2024 and before 2100: %d\n", rt > 1704067200LL * 1000000000 && rt < 4102444800LL * 1000000000);
    struct timeval tv;
    gettimeofday(&tv, NULL);
    printf("gettimeofday agrees with realtime: %d\n", (int64_t)tv.tv_sec * 1000000000 - rt < 2000000000LL && rt - (int64_t)tv.tv_sec * 1000000000 < 2000000000LL);
    time_t t = time(NULL);
    printf("time() agrees: %d\n", t * 1000000000LL - rt < 2000000000LL && rt - t * 1000000000LL < 2000000000LL);
    struct timespec res;
    printf("getres monotonic: %s positive=%d\n", clock_getres(CLOCK_MONOTONIC, &res) == 0 ? "ok" : ename(errno),
           res.tv_sec > 0 || res.tv_nsec > 0);
    printf("getres realtime: %s positive=%d\n", clock_getres(CLOCK_REALTIME, &res) == 0 ? "ok" : ename(errno),
           res.tv_sec > 0 || res.tv_nsec > 0);
    __wasi_timestamp_t ts = 0;
    RAW("raw clock_time_get process_cputime", __wasi_clock_time_get(__WASI_CLOCKID_PROCESS_CPUTIME_ID, 1, &ts));
    RAW("raw clock_time_get thread_cputime", __wasi_clock_time_get(__WASI_CLOCKID_THREAD_CPUTIME_ID, 1, &ts));

    int64_t a = ns(CLOCK_MONOTONIC);
    struct timespec d = {0, 50000000};
    printf("nanosleep: %s\n", nanosleep(&d, NULL) == 0 ? "ok" : ename(errno));
    int64_t el = ns(CLOCK_MONOTONIC) - a;
    printf("slept at least 50 ms: %d, less than 2 s: %d\n", el >= 50000000, el < 2000000000);
    a = ns(CLOCK_MONOTONIC);
    usleep(20000);
    el = ns(CLOCK_MONOTONIC) - a;
    printf("usleep 20 ms: at least %d, less than 2 s: %d\n", el >= 20000000, el < 2000000000);
    struct timespec zero = {0, 0};
    printf("nanosleep 0: %s\n", nanosleep(&zero, NULL) == 0 ? "ok" : ename(errno));
    struct timespec badts = {0, 2000000000};
    errno = 0;
    printf("nanosleep bad nsec: %d %s\n", nanosleep(&badts, NULL), ename(errno));

    unsigned char b1[64], b2[64], z[64] = {0};
    RAW("random_get 1", __wasi_random_get(b1, sizeof b1));
    RAW("random_get 2", __wasi_random_get(b2, sizeof b2));
    printf("random buffers differ: %d, not all zero: %d\n", memcmp(b1, b2, sizeof b1) != 0, memcmp(b1, z, sizeof z) != 0);
    RAW("random_get 0 bytes", __wasi_random_get(b1, 0));
    static unsigned char big[1 << 16];
    RAW("random_get 64 KiB", __wasi_random_get(big, sizeof big));
    int counts[256] = {0}, max = 0;
    for (size_t i = 0; i < sizeof big; i++) counts[big[i]]++;
    for (int i = 0; i < 256; i++) if (counts[i] > max) max = counts[i];
    printf("64 KiB of random bytes look uniform: %d\n", max < 400);
    printf("getentropy: %s\n", getentropy(b1, 32) == 0 ? "ok" : ename(errno));
    printf("arc4random differs: %d\n", arc4random() != arc4random() || arc4random() != arc4random());
    RAW("sched_yield", __wasi_sched_yield());
    /* an invalid clock id traps in Wasmtime (an invalid enum value): last */
    printf("clock id 9 next\n");
    fflush(stdout);
    RAW("raw clock_time_get id 9", __wasi_clock_time_get(9, 1, &ts));
    return 0;
}
