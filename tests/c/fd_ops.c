// File descriptor operations: fcntl flags, F_DUPFD, FD_CLOEXEC, *at() calls with a dirfd, readv/writev, preadv/pwritev.
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/uio.h>

int main(void) {
    char dir[] = "/tmp/corpus-fdops-XXXXXX";
    if (!mkdtemp(dir)) return 1;
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    printf("dirfd ok=%d\n", dfd >= 0);
    int fd = openat(dfd, "file", O_CREAT | O_RDWR, 0644);
    int fl = fcntl(fd, F_GETFL);
    printf("accmode rdwr=%d append=%d\n", (fl & O_ACCMODE) == O_RDWR, (fl & O_APPEND) != 0);
    fcntl(fd, F_SETFL, fl | O_APPEND);
    fl = fcntl(fd, F_GETFL);
    printf("after setfl append=%d\n", (fl & O_APPEND) != 0);
    printf("cloexec initially=%d\n", fcntl(fd, F_GETFD) & FD_CLOEXEC);
    fcntl(fd, F_SETFD, FD_CLOEXEC);
    printf("cloexec now=%d\n", fcntl(fd, F_GETFD) & FD_CLOEXEC);
    int d = fcntl(fd, F_DUPFD, 50);
    printf("F_DUPFD >=50: %d, cloexec on dup=%d\n", d >= 50, fcntl(d, F_GETFD) & FD_CLOEXEC);
    int d2 = fcntl(fd, F_DUPFD_CLOEXEC, 60);
    printf("F_DUPFD_CLOEXEC >=60: %d cloexec=%d\n", d2 >= 60, fcntl(d2, F_GETFD) & FD_CLOEXEC);
    close(d2);
    struct iovec iov[3] = {{"first-", 6}, {"second-", 7}, {"third\n", 6}};
    printf("writev=%zd\n", writev(d, iov, 3));
    close(d);
    char a[4], b[10], c[32];
    memset(c, 0, sizeof c);
    struct iovec riov[3] = {{a, sizeof a}, {b, sizeof b}, {c, sizeof c}};
    lseek(fd, 0, SEEK_SET);
    ssize_t r = readv(fd, riov, 3);
    printf("readv=%zd a=[%.4s] b=[%.10s] c=[%s]\n", r, a, b, c);
    struct iovec piov[2] = {{"PP", 2}, {"QQ", 2}};
    printf("pwritev=%zd\n", pwritev(fd, piov, 2, 3));
    char x[3] = {0}, y[3] = {0};
    struct iovec priov[2] = {{x, 2}, {y, 2}};
    ssize_t pr = preadv(fd, priov, 2, 2);
    printf("preadv=%zd [%s][%s]\n", pr, x, y);
    close(fd);
    printf("mkdirat=%d\n", mkdirat(dfd, "sub", 0755));
    printf("renameat=%d\n", renameat(dfd, "file", dfd, "sub/moved"));
    struct stat st;
    int sr = fstatat(dfd, "sub/moved", &st, 0);
    printf("fstatat=%d size=%ld\n", sr, (long)st.st_size);
    printf("faccessat=%d\n", faccessat(dfd, "sub/moved", R_OK, 0));
    printf("symlinkat=%d\n", symlinkat("sub/moved", dfd, "ln"));
    char buf[64];
    ssize_t n = readlinkat(dfd, "ln", buf, sizeof buf);
    printf("readlinkat=[%.*s]\n", (int)n, buf);
    printf("linkat=%d\n", linkat(dfd, "sub/moved", dfd, "hard", 0));
    fstatat(dfd, "hard", &st, 0);
    printf("nlink=%ld\n", (long)st.st_nlink);
    printf("fchmodat=%d\n", fchmodat(dfd, "hard", 0600, 0));
    fstatat(dfd, "sub/moved", &st, 0);
    printf("perm=%o\n", st.st_mode & 0777);
    int u1 = unlinkat(dfd, "ln", 0);
    int u2 = unlinkat(dfd, "hard", 0);
    int u3 = unlinkat(dfd, "sub/moved", 0);
    printf("unlinkat=%d %d %d\n", u1, u2, u3);
    printf("unlinkat dir=%d\n", unlinkat(dfd, "sub", AT_REMOVEDIR));
    int fd2 = dup(dfd);
    printf("dup>=0 %d\n", fd2 >= 0);
    close(fd2);
    close(dfd);
    printf("rmdir=%d\n", rmdir(dir));
    /* closing an already-closed fd fails */
    printf("close twice=%d\n", close(dfd));
    return 0;
}
