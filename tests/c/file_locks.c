// Advisory locks: fcntl F_SETLK/F_GETLK/F_OFD_*, flock, lockf within one process.
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include <sys/file.h>

int main(void) {
    char dir[] = "/tmp/corpus-lock-XXXXXX";
    if (!mkdtemp(dir) || chdir(dir) != 0) return 1;
    int fd = open("lockfile", O_CREAT | O_RDWR, 0644);
    write(fd, "0123456789", 10);
    struct flock fl;
    memset(&fl, 0, sizeof fl);
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    fl.l_start = 2;
    fl.l_len = 4;
    printf("F_SETLK write lock=%d\n", fcntl(fd, F_SETLK, &fl));
    struct flock q;
    memset(&q, 0, sizeof q);
    q.l_type = F_WRLCK;
    q.l_whence = SEEK_SET;
    q.l_start = 0;
    q.l_len = 10;
    int gr = fcntl(fd, F_GETLK, &q);
    printf("F_GETLK=%d type-unlocked=%d (own locks never conflict)\n", gr, q.l_type == F_UNLCK);
    fl.l_type = F_UNLCK;
    printf("unlock=%d\n", fcntl(fd, F_SETLK, &fl));
    /* OFD locks conflict between two open file descriptions even in one process */
    int fd2 = open("lockfile", O_RDWR);
    struct flock o;
    memset(&o, 0, sizeof o);
    o.l_type = F_WRLCK;
    o.l_whence = SEEK_SET;
    o.l_start = 0;
    o.l_len = 5;
    printf("OFD lock fd1=%d\n", fcntl(fd, F_OFD_SETLK, &o));
    struct flock o2 = o;
    errno = 0;
    int r = fcntl(fd2, F_OFD_SETLK, &o2);
    printf("OFD lock fd2 conflicts=%d EAGAIN=%d\n", r == -1, errno == EAGAIN || errno == EACCES);
    o2 = o;
    o2.l_start = 0;
    o2.l_len = 10;
    fcntl(fd2, F_OFD_GETLK, &o2);
    printf("OFD GETLK reports write lock at %ld len %ld pid=%d\n", (long)o2.l_start, (long)o2.l_len, o2.l_pid);
    o.l_type = F_UNLCK;
    fcntl(fd, F_OFD_SETLK, &o);
    o2 = o;
    o2.l_type = F_RDLCK;
    printf("after unlock fd2 read lock=%d\n", fcntl(fd2, F_OFD_SETLK, &o2));
    /* flock */
    printf("flock EX=%d\n", flock(fd, LOCK_EX | LOCK_NB));
    errno = 0;
    r = flock(fd2, LOCK_EX | LOCK_NB);
    printf("flock EX on second description=%d EWOULDBLOCK=%d\n", r, errno == EWOULDBLOCK);
    printf("flock UN=%d\n", flock(fd, LOCK_UN));
    int s2 = flock(fd2, LOCK_SH | LOCK_NB);
    int s1 = flock(fd, LOCK_SH | LOCK_NB);
    printf("fd2 SH=%d fd1 SH=%d\n", s2, s1);
    flock(fd, LOCK_UN);
    flock(fd2, LOCK_UN);
    lseek(fd, 0, SEEK_SET);
    int l1 = lockf(fd, F_TLOCK, 5);
    int l2 = lockf(fd, F_TEST, 5);
    int l3 = lockf(fd, F_ULOCK, 5);
    printf("lockf F_TLOCK=%d F_TEST=%d F_ULOCK=%d\n", l1, l2, l3);
    close(fd);
    close(fd2);
    unlink("lockfile");
    chdir("/");
    printf("rmdir=%d\n", rmdir(dir));
    return 0;
}
