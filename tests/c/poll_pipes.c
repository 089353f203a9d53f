// poll(2) on pipes and sockets: timeouts, POLLIN/POLLOUT/POLLHUP/POLLNVAL, ppoll.
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <poll.h>
#include <signal.h>
#include <time.h>
#include <sys/socket.h>

static void show(const char *label, int r, struct pollfd *f, int n) {
    printf("%-28s r=%d", label, r);
    for (int i = 0; i < n; i++)
        printf(" [%s%s%s%s%s]", f[i].revents & POLLIN ? "IN " : "", f[i].revents & POLLOUT ? "OUT " : "",
               f[i].revents & POLLHUP ? "HUP " : "", f[i].revents & POLLERR ? "ERR " : "",
               f[i].revents & POLLNVAL ? "NVAL" : "");
    printf("\n");
}

int main(void) {
    int p[2];
    pipe(p);
    struct pollfd f[2] = {{p[0], POLLIN, 0}, {p[1], POLLOUT, 0}};
    int r = poll(f, 2, 0);
    show("empty pipe", r, f, 2);
    write(p[1], "x", 1);
    r = poll(f, 2, 1000);
    show("after write", r, f, 2);
    char c;
    read(p[0], &c, 1);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    r = poll(f, 1, 50);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    long ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
    printf("timeout poll r=%d waited>=45ms=%d\n", r, ms >= 45);
    close(p[1]);
    r = poll(f, 1, 1000);
    show("writer closed", r, f, 1);
    int q[2];
    pipe(q);
    close(q[0]);
    struct pollfd g = {q[1], POLLOUT, 0};
    r = poll(&g, 1, 0);
    show("reader closed", r, &g, 1);
    struct pollfd bad[2] = {{12345, POLLIN, 0}, {-1, POLLIN, 0}};
    r = poll(bad, 2, 0);
    show("invalid fd / negative fd", r, bad, 2);
    int sv[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    struct pollfd s[2] = {{sv[0], POLLIN | POLLOUT, 0}, {sv[1], POLLIN, 0}};
    r = poll(s, 2, 0);
    show("socketpair idle", r, s, 2);
    send(sv[0], "data", 4, 0);
    r = poll(s, 2, 0);
    show("socketpair data", r, s, 2);
    close(sv[0]);
    r = poll(&s[1], 1, 0);
    show("socket peer closed", r, &s[1], 1);
    struct timespec ts = {0, 10 * 1000 * 1000};
    sigset_t mask;
    sigemptyset(&mask);
    struct pollfd e = {p[0], POLLIN, 0};
    int pp[2];
    pipe(pp);
    e.fd = pp[0];
    r = ppoll(&e, 1, &ts, &mask);
    show("ppoll timeout", r, &e, 1);
    write(pp[1], "y", 1);
    r = ppoll(&e, 1, NULL, NULL);
    show("ppoll ready", r, &e, 1);
    r = poll(NULL, 0, 10);
    printf("poll(NULL,0,10)=%d\n", r);
    return 0;
}
