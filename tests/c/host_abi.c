// What an aarch64 or riscv64 host does differently from x86_64 must not show:
// open flags (arm64 moves O_DIRECTORY, O_NOFOLLOW, O_DIRECT, O_LARGEFILE) in
// open, pipe2 and F_GETFL/F_SETFL; struct stat's x86_64 layout, field by
// field; the packed epoll_event; the legacy calls the generic table lacks.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

// errno by number: glibc's and musl's messages differ.
static char errbuf[8][16];
static int nbuf;
static const char *err(int r) {
    char *b = errbuf[nbuf++ % 8];
    if (r < 0) snprintf(b, 16, "errno %d", errno); else snprintf(b, 16, "ok");
    return b;
}

int main(void) {
    int fd = open("file", O_CREAT | O_WRONLY | O_TRUNC, 0640);
    if (fd < 0 || write(fd, "0123456789abcdef", 16) != 16) return 1;
    close(fd);
    if (mkdir("dir", 0750) || symlink("file", "link")) return 2;

    // Open flags, each moved bit on its own.
    int r = open("file", O_RDONLY | O_DIRECTORY);
    printf("O_DIRECTORY on a file: %s\n", err(r));
    r = open("dir", O_RDONLY | O_DIRECTORY);
    printf("O_DIRECTORY on a dir: %s\n", err(r));
    if (r >= 0) close(r);
    r = open("link", O_RDONLY | O_NOFOLLOW);
    printf("O_NOFOLLOW on a link: %s\n", err(r));
    r = open("link", O_RDONLY);
    printf("through the link: %s\n", err(r));
    if (r >= 0) {
        int fl = fcntl(r, F_GETFL);
        // (O_LARGEFILE, which 64-bit kernels always set, is not shown:
        // qemu-user drops it from F_GETFL, docs/testing.md "Other CPUs".)
        printf("F_GETFL: access=%d nofollow=%d directory=%d direct=%d\n", fl & O_ACCMODE, !!(fl & O_NOFOLLOW),
               !!(fl & O_DIRECTORY), !!(fl & O_DIRECT));
        printf("F_SETFL O_APPEND|O_NONBLOCK: %s\n", err(fcntl(r, F_SETFL, O_APPEND | O_NONBLOCK)));
        fl = fcntl(r, F_GETFL);
        printf("F_GETFL: append=%d nonblock=%d\n", !!(fl & O_APPEND), !!(fl & O_NONBLOCK));
        close(r);
    }
    r = open(".", O_TMPFILE | O_RDWR, 0600);
    printf("O_TMPFILE: %s\n", err(r));
    if (r >= 0) {
        struct stat st;
        fstat(r, &st);
        printf("  nlink=%ld regular=%d\n", (long)st.st_nlink, S_ISREG(st.st_mode));
        close(r);
    }
    int p[2];
    r = pipe2(p, O_DIRECT | O_CLOEXEC);
    printf("pipe2 O_DIRECT: %s\n", err(r));
    if (r == 0) {
        int fl = fcntl(p[1], F_GETFL);
        printf("  F_GETFL direct=%d, F_GETFD cloexec=%d\n", !!(fl & O_DIRECT), fcntl(p[1], F_GETFD) & FD_CLOEXEC);
        write(p[1], "ab", 2);
        write(p[1], "cde", 3);
        char b[8];
        ssize_t first = read(p[0], b, sizeof b);
        printf("  packets: %zd then %zd bytes\n", first, read(p[0], b, sizeof b));
        close(p[0]);
        close(p[1]);
    }

    // struct stat, field by field, against values set here.
    struct timespec ts[2] = {{1000000000, 123456789}, {1234567890, 987654321}};
    if (utimensat(AT_FDCWD, "file", ts, 0)) return 3;
    struct stat st, lst, fst;
    if (stat("file", &st) || lstat("link", &lst)) return 4;
    fd = open("file", O_RDONLY);
    fstat(fd, &fst);
    printf("stat: size=%lld mode=%o nlink=%lu uid_is_mine=%d gid_is_mine=%d blksize_pos=%d blocks_pos=%d\n",
           (long long)st.st_size, st.st_mode, (unsigned long)st.st_nlink, st.st_uid == getuid(),
           st.st_gid == getgid(), st.st_blksize > 0, st.st_blocks > 0);
    printf("stat: atime=%lld.%09ld mtime=%lld.%09ld ctime_recent=%d\n", (long long)st.st_atim.tv_sec,
           st.st_atim.tv_nsec, (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec, st.st_ctim.tv_sec > 1600000000);
    printf("fstat agrees: dev=%d ino=%d size=%d mtime=%d rdev=%d\n", fst.st_dev == st.st_dev, fst.st_ino == st.st_ino,
           fst.st_size == st.st_size, fst.st_mtim.tv_nsec == st.st_mtim.tv_nsec, fst.st_rdev == 0);
    printf("lstat: link=%d size=%lld\n", S_ISLNK(lst.st_mode), (long long)lst.st_size);
    struct stat dst;
    stat("dir", &dst);
    printf("dir: mode=%o nlink=%lu\n", dst.st_mode, (unsigned long)dst.st_nlink);
    close(fd);

    // epoll_event is packed: the 64-bit data right after the events word.
    int ep = epoll_create(1);
    if (pipe(p)) return 5;
    struct epoll_event ev = {.events = EPOLLIN, .data.u64 = 0x1122334455667788ull}, out[4];
    printf("epoll_ctl: %s\n", err(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev)));
    write(p[1], "x", 1);
    memset(out, 0xee, sizeof out);
    int n = epoll_wait(ep, out, 4, 1000);
    printf("epoll_wait: %d events=%x data=%llx next=%x\n", n, out[0].events, (unsigned long long)out[0].data.u64,
           out[1].events);
    printf("epoll_ctl DEL with NULL: %s\n", err(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL)));
    close(ep);

    // Legacy calls and their corner cases.
    printf("dup2 same fd: %d\n", dup2(p[0], p[0]) == p[0]);
    printf("dup2 bad fd onto itself: %s\n", err(dup2(99, 99)));
    struct pollfd pf = {p[0], POLLIN, 0};
    r = poll(&pf, 1, -1);
    printf("poll forever on a ready pipe: %d revents=%x\n", r, pf.revents);
    fd_set rd;
    FD_ZERO(&rd);
    FD_SET(p[1], &rd);
    struct timeval tv = {0, 20000};
    r = select(p[1] + 1, &rd, NULL, NULL, &tv);
    // (musl's select does not report the time left; glibc's does.)
    printf("select on nothing: %d\n", r);
    tv = (struct timeval){0, 1500000};
    FD_ZERO(&rd);
    FD_SET(p[0], &rd);
    printf("select with 1.5e6 usec on a ready pipe: %d\n", select(p[0] + 1, &rd, NULL, NULL, &tv));
    tv = (struct timeval){0, -1};
    printf("select with negative usec: %s\n", err(select(0, NULL, NULL, NULL, &tv)));
    printf("rename: %s\n", err(rename("file", "file2")));
    printf("unlink: %s\n", err(unlink("file2")));
    printf("rmdir: %s\n", err(rmdir("dir")));
    printf("rmdir again: %s\n", err(rmdir("dir")));
    printf("link to missing: %s\n", err(link("nothing", "x")));
    printf("mknod fifo: %s\n", err(mknod("fifo", S_IFIFO | 0600, 0)));
    struct rlimit rl;
    r = getrlimit(RLIMIT_NOFILE, &rl);
    printf("getrlimit NOFILE: %s sane=%d\n", err(r), rl.rlim_cur > 0 && rl.rlim_cur <= rl.rlim_max);
    rl.rlim_cur = 64;
    printf("setrlimit NOFILE 64: %s\n", err(setrlimit(RLIMIT_NOFILE, &rl)));
    getrlimit(RLIMIT_NOFILE, &rl);
    printf("now %ld\n", (long)rl.rlim_cur);
    stack_t ss = {.ss_sp = (char[1024]){0}, .ss_size = 1024};
    printf("sigaltstack 1024 bytes: %s\n", err(sigaltstack(&ss, NULL)));
    return 0;
}
