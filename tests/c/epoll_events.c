// epoll: create1, ctl add/mod/del, level vs edge triggered, EPOLLONESHOT, u64 user data, many fds.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <sys/epoll.h>

static int cmp(const void *a, const void *b) {
    unsigned long long x = ((const struct epoll_event *)a)->data.u64, y = ((const struct epoll_event *)b)->data.u64;
    return x < y ? -1 : x > y;
}

static void wait_show(int ep, const char *label, int timeout) {
    struct epoll_event ev[64];
    int n = epoll_wait(ep, ev, 64, timeout);
    if (n > 0) qsort(ev, (size_t)n, sizeof ev[0], cmp);
    printf("%-22s n=%d:", label, n);
    for (int i = 0; i < n; i++)
        printf(" %llx/%s%s%s", (unsigned long long)ev[i].data.u64, ev[i].events & EPOLLIN ? "IN" : "",
               ev[i].events & EPOLLOUT ? "OUT" : "", ev[i].events & EPOLLHUP ? "HUP" : "");
    printf("\n");
}

int main(void) {
    printf("sizeof(struct epoll_event)=%d\n", (int)sizeof(struct epoll_event));
    int ep = epoll_create1(EPOLL_CLOEXEC);
    printf("epoll_create1 ok=%d\n", ep >= 0);
    int p[2];
    pipe(p);
    struct epoll_event ev;
    memset(&ev, 0, sizeof ev);
    ev.events = EPOLLIN;
    ev.data.u64 = 0x1122334455667788ULL;
    printf("add=%d\n", epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev));
    errno = 0;
    int r = epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
    printf("add again=%d EEXIST=%d\n", r, errno == EEXIST);
    wait_show(ep, "nothing", 0);
    write(p[1], "ab", 2);
    wait_show(ep, "level 1", 0);
    wait_show(ep, "level 2 (still)", 0);
    ev.events = EPOLLIN | EPOLLET;
    ev.data.u64 = 0xE7;
    printf("mod ET=%d\n", epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev));
    wait_show(ep, "edge first", 0);
    wait_show(ep, "edge second (none)", 0);
    write(p[1], "c", 1);
    wait_show(ep, "edge new data", 0);
    char buf[8];
    read(p[0], buf, sizeof buf);
    ev.events = EPOLLIN | EPOLLONESHOT;
    ev.data.u64 = 0x0E;
    epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev);
    write(p[1], "d", 1);
    wait_show(ep, "oneshot fires", 0);
    wait_show(ep, "oneshot disabled", 0);
    epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev);
    wait_show(ep, "oneshot re-armed", 0);
    printf("del=%d\n", epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL));
    errno = 0;
    r = epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL);
    printf("del again=%d ENOENT=%d\n", r, errno == ENOENT);
    /* many pipes, every third one written */
    int fds[30][2];
    for (int i = 0; i < 30; i++) {
        pipe(fds[i]);
        ev.events = EPOLLIN;
        ev.data.u64 = 1000 + (unsigned)i;
        epoll_ctl(ep, EPOLL_CTL_ADD, fds[i][0], &ev);
        ev.events = EPOLLOUT;
        ev.data.u64 = 2000 + (unsigned)i;
        if (i % 10 == 0) epoll_ctl(ep, EPOLL_CTL_ADD, fds[i][1], &ev);
    }
    for (int i = 0; i < 30; i += 3) write(fds[i][1], "z", 1);
    wait_show(ep, "many", 100);
    close(fds[5][1]);
    ev.events = EPOLLIN;
    wait_show(ep, "after close writer 5", 0);
    struct epoll_event one;
    int n = epoll_wait(ep, &one, 1, 0);
    printf("maxevents=1 returns %d\n", n);
    errno = 0;
    n = epoll_wait(ep, &one, 0, 0);
    printf("maxevents=0 -> %d EINVAL=%d\n", n, errno == EINVAL);
    int ep2 = epoll_create(5);
    printf("epoll_create(5) ok=%d\n", ep2 >= 0);
    wait_show(ep2, "empty set timeout", 20);
    close(ep2);
    close(ep);
    return 0;
}
