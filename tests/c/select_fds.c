// select/pselect: readiness of pipes, timeouts, fd_set macros.
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <signal.h>
#include <sys/select.h>
#include <sys/time.h>

int main(void) {
    fd_set rs, ws;
    int p[2], q[2];
    pipe(p);
    pipe(q);
    int maxfd = (p[0] > q[0] ? p[0] : q[0]);
    if (p[1] > maxfd) maxfd = p[1];
    if (q[1] > maxfd) maxfd = q[1];
    FD_ZERO(&rs);
    FD_SET(p[0], &rs);
    FD_SET(q[0], &rs);
    struct timeval tv = {0, 0};
    int r = select(maxfd + 1, &rs, NULL, NULL, &tv);
    printf("nothing ready r=%d p=%d q=%d\n", r, FD_ISSET(p[0], &rs) != 0, FD_ISSET(q[0], &rs) != 0);
    write(q[1], "q", 1);
    FD_ZERO(&rs);
    FD_SET(p[0], &rs);
    FD_SET(q[0], &rs);
    FD_ZERO(&ws);
    FD_SET(p[1], &ws);
    tv.tv_sec = 1;
    r = select(maxfd + 1, &rs, &ws, NULL, &tv);
    printf("q readable r=%d p=%d q=%d pw=%d\n", r, FD_ISSET(p[0], &rs) != 0, FD_ISSET(q[0], &rs) != 0, FD_ISSET(p[1], &ws) != 0);
    FD_ZERO(&rs);
    FD_SET(p[0], &rs);
    tv.tv_sec = 0;
    tv.tv_usec = 30000;
    struct timeval a, b;
    gettimeofday(&a, NULL);
    r = select(p[0] + 1, &rs, NULL, NULL, &tv);
    gettimeofday(&b, NULL);
    long us = (b.tv_sec - a.tv_sec) * 1000000L + (b.tv_usec - a.tv_usec);
    /* whether tv is updated differs between C libraries (musl leaves it), so it is not printed */
    printf("timeout r=%d waited>=25ms=%d\n", r, us >= 25000);
    FD_ZERO(&rs);
    printf("FD_SET/CLR: ");
    FD_SET(0, &rs); FD_SET(63, &rs); FD_SET(64, &rs); FD_SET(1023, &rs);
    FD_CLR(63, &rs);
    for (int i = 0; i < FD_SETSIZE; i++) if (FD_ISSET(i, &rs)) printf("%d ", i);
    printf("FD_SETSIZE=%d\n", FD_SETSIZE);
    close(p[1]);
    FD_ZERO(&rs);
    FD_SET(p[0], &rs);
    r = select(p[0] + 1, &rs, NULL, NULL, NULL);
    printf("EOF is readable r=%d\n", r);
    struct timespec ts = {0, 5000000};
    sigset_t m;
    sigemptyset(&m);
    FD_ZERO(&rs);
    int z[2];
    pipe(z);
    FD_SET(z[0], &rs);
    r = pselect(z[0] + 1, &rs, NULL, NULL, &ts, &m);
    printf("pselect timeout r=%d\n", r);
    write(z[1], "z", 1);
    FD_SET(z[0], &rs);
    r = pselect(z[0] + 1, &rs, NULL, NULL, &ts, NULL);
    printf("pselect ready r=%d set=%d\n", r, FD_ISSET(z[0], &rs) != 0);
    r = select(0, NULL, NULL, NULL, &(struct timeval){0, 1000});
    printf("select as sleep r=%d\n", r);
    return 0;
}
