// eventfd counter and semaphore semantics, timerfd one-shot and periodic expirations.
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>

int main(void) {
    int e = eventfd(5, EFD_NONBLOCK);
    uint64_t v = 0;
    ssize_t r = read(e, &v, sizeof v);
    printf("eventfd initial read=%zd v=%llu\n", r, (unsigned long long)v);
    errno = 0;
    r = read(e, &v, sizeof v);
    printf("empty read=%zd EAGAIN=%d\n", r, errno == EAGAIN);
    v = 3; write(e, &v, sizeof v);
    v = 4; write(e, &v, sizeof v);
    read(e, &v, sizeof v);
    printf("accumulated=%llu\n", (unsigned long long)v);
    errno = 0;
    r = read(e, &v, 4);
    printf("short read=%zd EINVAL=%d\n", r, errno == EINVAL);
    close(e);
    int s = eventfd(3, EFD_SEMAPHORE | EFD_NONBLOCK);
    int reads = 0;
    while (read(s, &v, sizeof v) == 8) { reads++; if (v != 1) printf("semaphore value %llu\n", (unsigned long long)v); }
    printf("semaphore reads=%d\n", reads);
    eventfd_t ev;
    eventfd_write(s, 2);
    int er = eventfd_read(s, &ev);
    printf("eventfd_read=%d\n", er);
    printf("value=%llu\n", (unsigned long long)ev);
    close(s);

    int t = timerfd_create(CLOCK_MONOTONIC, 0);
    printf("timerfd ok=%d\n", t >= 0);
    struct itimerspec its = {{0, 0}, {0, 30 * 1000 * 1000}};
    printf("settime=%d\n", timerfd_settime(t, 0, &its, NULL));
    struct itimerspec cur;
    memset(&cur, 0, sizeof cur);
    printf("gettime=%d\n", timerfd_gettime(t, &cur));
    printf("remaining in (0,30ms]: %d interval zero: %d\n",
           cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec > 0 && cur.it_value.tv_nsec <= 30000000,
           cur.it_interval.tv_sec == 0 && cur.it_interval.tv_nsec == 0);
    uint64_t exp = 0;
    r = read(t, &exp, sizeof exp);
    printf("one-shot read=%zd expirations=%llu\n", r, (unsigned long long)exp);
    struct itimerspec per = {{0, 10 * 1000 * 1000}, {0, 10 * 1000 * 1000}};
    timerfd_settime(t, 0, &per, NULL);
    struct pollfd pf = {t, POLLIN, 0};
    uint64_t total = 0;
    for (int i = 0; i < 50 && total < 5; i++) {
        if (poll(&pf, 1, 2000) <= 0) break;
        if (read(t, &exp, sizeof exp) == 8) total += exp;
    }
    printf("periodic reached >=5 expirations: %d\n", total >= 5);
    struct itimerspec off = {{0, 0}, {0, 0}};
    timerfd_settime(t, 0, &off, NULL);
    timerfd_gettime(t, &cur);
    printf("disarmed: %d\n", cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec == 0);
    close(t);
    return 0;
}
