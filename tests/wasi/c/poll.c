// poll_oneoff: a relative clock timeout, an absolute one, stdin readable
// (the harness gives it data), a file always ready, write readiness, and
// libc's poll(). Prints event types, userdata and verdicts on the times.
#include "../common.h"
#include <fcntl.h>
#include <poll.h>
#include <time.h>
#include <unistd.h>

static int64_t mono(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static __wasi_subscription_t clock_sub(uint64_t ud, __wasi_clockid_t id, uint64_t timeout, int abs) {
    __wasi_subscription_t s;
    memset(&s, 0, sizeof s);
    s.userdata = ud;
    s.u.tag = __WASI_EVENTTYPE_CLOCK;
    s.u.u.clock.id = id;
    s.u.u.clock.timeout = timeout;
    s.u.u.clock.precision = 1000;
    s.u.u.clock.flags = abs ? __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME : 0;
    return s;
}

static __wasi_subscription_t fd_sub(uint64_t ud, int type, int fd) {
    __wasi_subscription_t s;
    memset(&s, 0, sizeof s);
    s.userdata = ud;
    s.u.tag = type;
    s.u.u.fd_read.file_descriptor = fd;
    return s;
}

static void report(const char *label, __wasi_errno_t e, __wasi_event_t *ev, __wasi_size_t n) {
    printf("%s: %s", label, ename(e));
    if (e != 0) { printf("\n"); return; }
    printf(", %u event(s)", (unsigned)n);
    /* events can come in any order: print them sorted by userdata */
    for (__wasi_size_t i = 0; i < n; i++)
        for (__wasi_size_t j = i + 1; j < n; j++)
            if (ev[j].userdata < ev[i].userdata) { __wasi_event_t t = ev[i]; ev[i] = ev[j]; ev[j] = t; }
    for (__wasi_size_t i = 0; i < n; i++) {
        printf(" [ud=%llu type=%s err=%s", (unsigned long long)ev[i].userdata,
               ev[i].type == __WASI_EVENTTYPE_CLOCK ? "clock" : ev[i].type == __WASI_EVENTTYPE_FD_READ ? "read" : "write",
               ename(ev[i].error));
        printf("]");
    }
    printf("\n");
}

int main(void) {
    __wasi_subscription_t subs[4];
    __wasi_event_t ev[4];
    __wasi_size_t n = 0;

    int64_t t0 = mono();
    subs[0] = clock_sub(7, __WASI_CLOCKID_MONOTONIC, 30000000, 0);
    __wasi_errno_t e = __wasi_poll_oneoff(subs, ev, 1, &n);
    int64_t el = mono() - t0;
    report("relative 30 ms", e, ev, n);
    printf("waited at least 30 ms: %d, less than 2 s: %d\n", el >= 30000000, el < 2000000000);

    t0 = mono();
    subs[0] = clock_sub(8, __WASI_CLOCKID_MONOTONIC, (uint64_t)t0 + 40000000, 1);
    e = __wasi_poll_oneoff(subs, ev, 1, &n);
    el = mono() - t0;
    report("absolute +40 ms", e, ev, n);
    printf("waited at least 40 ms: %d, less than 2 s: %d\n", el >= 40000000, el < 2000000000);

    subs[0] = clock_sub(9, __WASI_CLOCKID_REALTIME, 10000000, 0);
    e = __wasi_poll_oneoff(subs, ev, 1, &n);
    report("realtime relative 10 ms", e, ev, n);

    subs[0] = clock_sub(1, __WASI_CLOCKID_MONOTONIC, 0, 0);
    subs[1] = clock_sub(2, __WASI_CLOCKID_MONOTONIC, 5000000000ULL, 0);
    e = __wasi_poll_oneoff(subs, ev, 2, &n);
    report("zero and 5 s timeouts", e, ev, n);

    /* stdin has data (the harness pipes it in): ready before the 5 s timeout */
    t0 = mono();
    subs[0] = fd_sub(10, __WASI_EVENTTYPE_FD_READ, 0);
    subs[1] = clock_sub(11, __WASI_CLOCKID_MONOTONIC, 5000000000ULL, 0);
    e = __wasi_poll_oneoff(subs, ev, 2, &n);
    report("stdin with 5 s timeout", e, ev, n);
    printf("stdin was ready quickly: %d\n", mono() - t0 < 2000000000);
    /* libc poll(), while stdin has data (not at EOF: a pipe at EOF may or may not
     * have been closed by its writer yet) */
    struct pollfd p[2] = {{0, POLLIN, 0}, {1, POLLOUT, 0}};
    int pr = poll(p, 2, 1000);
    printf("poll: %d or more, stdin=%s\n", pr >= 1, p[0].revents & POLLIN ? "IN" : "");
    char buf[256];
    ssize_t r = read(0, buf, sizeof buf);
    printf("read stdin: %zd\n", r);

    /* a regular file is always ready, for reading and for writing */
    int fd = open("/sandbox/hello.txt", O_RDWR);
    subs[0] = fd_sub(20, __WASI_EVENTTYPE_FD_READ, fd);
    subs[1] = fd_sub(21, __WASI_EVENTTYPE_FD_WRITE, fd);
    subs[2] = clock_sub(22, __WASI_CLOCKID_MONOTONIC, 5000000000ULL, 0);
    e = __wasi_poll_oneoff(subs, ev, 3, &n);
    /* one or both of the file's events, never the clock's */
    int fd_only = 1;
    for (__wasi_size_t i = 0; i < n; i++) fd_only &= ev[i].userdata != 22 && ev[i].error == 0;
    printf("file read+write: %s, fd events only: %d, at least one: %d\n", ename(e), fd_only, n >= 1);
    subs[0] = fd_sub(23, __WASI_EVENTTYPE_FD_READ, fd);
    e = __wasi_poll_oneoff(subs, ev, 1, &n);
    report("file read", e, ev, n);
    subs[0] = fd_sub(30, __WASI_EVENTTYPE_FD_WRITE, 1);
    e = __wasi_poll_oneoff(subs, ev, 1, &n);
    report("stdout write", e, ev, n);

    /* a descriptor that is not open */
    subs[0] = fd_sub(40, __WASI_EVENTTYPE_FD_READ, 77);
    subs[1] = clock_sub(41, __WASI_CLOCKID_MONOTONIC, 100000000, 0);
    e = __wasi_poll_oneoff(subs, ev, 2, &n);
    report("closed fd", e, ev, n);

    /* a directory */
    subs[0] = fd_sub(50, __WASI_EVENTTYPE_FD_READ, 3);
    subs[1] = clock_sub(51, __WASI_CLOCKID_MONOTONIC, 100000000, 0);
    e = __wasi_poll_oneoff(subs, ev, 2, &n);
    report("directory fd", e, ev, n);

    e = __wasi_poll_oneoff(subs, ev, 0, &n);
    printf("no subscriptions: %s\n", ename(e));

    t0 = mono();
    pr = poll(NULL, 0, 25);
    el = mono() - t0;
    printf("poll timeout 25 ms: %d at least=%d\n", pr, el >= 25000000);
    /* drain stdin, then poll it at EOF */
    while ((r = read(0, buf, sizeof buf)) > 0) {}
    printf("stdin drained: %zd\n", r);
    subs[0] = fd_sub(60, __WASI_EVENTTYPE_FD_READ, 0);
    subs[1] = clock_sub(61, __WASI_CLOCKID_MONOTONIC, 2000000000ULL, 0);
    e = __wasi_poll_oneoff(subs, ev, 2, &n);
    report("stdin at EOF", e, ev, n);
    return 0;
}
