// Pipes: write/read, partial reads, EOF, O_NONBLOCK/EAGAIN, pipe2 flags, dup/dup2/dup3, FIONREAD, capacity.
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include <sys/ioctl.h>

int main(void) {
    int p[2];
    int pr = pipe(p);
    printf("pipe=%d distinct=%d\n", pr, p[0] != p[1]);
    printf("write=%zd\n", write(p[1], "hello pipe", 10));
    int avail = -1;
    ioctl(p[0], FIONREAD, &avail);
    printf("FIONREAD=%d\n", avail);
    char buf[64] = {0};
    ssize_t r = read(p[0], buf, 4);
    printf("read4=%zd [%.4s]\n", r, buf);
    memset(buf, 0, sizeof buf);
    r = read(p[0], buf, sizeof buf);
    printf("read rest=%zd [%s]\n", r, buf);
    close(p[1]);
    printf("read at EOF=%zd\n", read(p[0], buf, sizeof buf));
    close(p[0]);

    int q[2];
    printf("pipe2=%d\n", pipe2(q, O_NONBLOCK | O_CLOEXEC));
    printf("nonblock=%d cloexec=%d\n", (fcntl(q[0], F_GETFL) & O_NONBLOCK) != 0, (fcntl(q[0], F_GETFD) & FD_CLOEXEC) != 0);
    errno = 0;
    r = read(q[0], buf, 1);
    printf("empty nonblock read=%zd EAGAIN=%d\n", r, errno == EAGAIN);
    /* fill the pipe until it would block */
    char chunk[1000];
    memset(chunk, 'z', sizeof chunk);
    long total = 0;
    for (;;) {
        ssize_t w = write(q[1], chunk, sizeof chunk);
        if (w < 0) { printf("full: EAGAIN=%d\n", errno == EAGAIN); break; }
        total += w;
        if (total > 10 * 1024 * 1024) break;
    }
    printf("capacity >= 4096: %d, multiple of 1000 or partial ok: %d\n", total >= 4096, total > 0);
    long drained = 0;
    while ((r = read(q[0], chunk, sizeof chunk)) > 0) drained += r;
    printf("drained == written: %d\n", drained == total);
    printf("F_GETPIPE_SZ >= 4096: %d\n", fcntl(q[0], F_GETPIPE_SZ) >= 4096);
    close(q[0]);
    close(q[1]);

    pipe(p);
    int d = dup(p[1]);
    write(d, "via dup;", 8);
    int target = 20;
    printf("dup2 returns target: %d\n", dup2(p[1], target) == target);
    write(target, "via dup2;", 9);
    printf("dup2 same fd: %d\n", dup2(target, target) == target);
    int t3 = 21;
    int d3 = dup3(p[1], t3, O_CLOEXEC);
    printf("dup3 cloexec: %d flag=%d\n", d3 == t3, (fcntl(t3, F_GETFD) & FD_CLOEXEC) != 0);
    errno = 0;
    printf("dup3 same fd fails EINVAL: %d\n", dup3(t3, t3, 0) == -1 && errno == EINVAL);
    write(t3, "via dup3", 8);
    close(p[1]); close(d); close(target); close(t3);
    memset(buf, 0, sizeof buf);
    size_t got = 0;
    while ((r = read(p[0], buf + got, sizeof buf - 1 - got)) > 0) got += (size_t)r;
    printf("collected [%s]\n", buf);
    close(p[0]);

    /* redirect stdout into a pipe with dup2 and restore it */
    fflush(stdout);
    int saved = dup(1);
    pipe(p);
    dup2(p[1], 1);
    close(p[1]);
    printf("captured line %d\n", 42);
    fflush(stdout);
    dup2(saved, 1);
    close(saved);
    memset(buf, 0, sizeof buf);
    r = read(p[0], buf, sizeof buf - 1);
    close(p[0]);
    printf("captured %zd bytes: %s", r, buf);
    return 0;
}
