// stat/lstat/fstat/fstatat deterministic fields: size, mode, type, nlink, fixed mtime via utimensat, symlinks, statvfs.
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <utime.h>

static void show(const char *label, const struct stat *st) {
    const char *t = S_ISREG(st->st_mode) ? "reg" : S_ISDIR(st->st_mode) ? "dir" : S_ISLNK(st->st_mode) ? "lnk"
                  : S_ISFIFO(st->st_mode) ? "fifo" : S_ISCHR(st->st_mode) ? "chr" : "other";
    printf("%-10s type=%s perm=%04o size=%ld nlink=%ld\n", label, t, (unsigned)(st->st_mode & 07777),
           S_ISDIR(st->st_mode) ? -1L : (long)st->st_size, S_ISDIR(st->st_mode) ? -1L : (long)st->st_nlink);
}

int main(void) {
    umask(022);
    char dir[] = "/tmp/corpus-stat-XXXXXX";
    if (!mkdtemp(dir)) return 1;
    if (chdir(dir) != 0) return 2;
    struct stat st, st2;
    int fd = open("f", O_CREAT | O_RDWR, 0666);
    write(fd, "0123456789", 10);
    fstat(fd, &st);
    show("fstat", &st);
    printf("blksize>0=%d blocks>=0=%d uid-match=%d gid-match=%d\n", st.st_blksize > 0, st.st_blocks >= 0,
           st.st_uid == geteuid(), st.st_gid == getegid());
    stat("f", &st2);
    printf("same ino/dev: %d\n", st.st_ino == st2.st_ino && st.st_dev == st2.st_dev);
    printf("link=%d\n", link("f", "g"));
    stat("f", &st);
    show("after link", &st);
    printf("symlink=%d\n", symlink("f", "s"));
    lstat("s", &st);
    show("lstat s", &st);
    printf("symlink size is target len: %d\n", st.st_size == 1);
    stat("s", &st);
    show("stat s", &st);
    char tgt[64];
    ssize_t n = readlink("s", tgt, sizeof tgt);
    printf("readlink=%zd [%.*s]\n", n, (int)n, tgt);
    chmod("f", 0640);
    stat("f", &st);
    show("chmod 640", &st);
    fchmod(fd, 0755);
    fstat(fd, &st);
    show("fchmod 755", &st);
    struct timespec ts[2] = {{1000000000, 123456789}, {1234567890, 987654321}};
    printf("utimensat=%d\n", utimensat(AT_FDCWD, "f", ts, 0));
    stat("f", &st);
    printf("atime=%ld.%09ld mtime=%ld.%09ld\n", (long)st.st_atim.tv_sec, st.st_atim.tv_nsec, (long)st.st_mtim.tv_sec,
           st.st_mtim.tv_nsec);
    struct timespec ts2[2] = {{1500000000, 0}, {1600000000, 500}};
    futimens(fd, ts2);
    fstat(fd, &st);
    printf("futimens mtime=%ld.%09ld\n", (long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
    struct utimbuf ub = {2000000000, 2000000001};
    utime("f", &ub);
    stat("f", &st);
    printf("utime mtime=%ld atime=%ld\n", (long)st.st_mtime, (long)st.st_atime);
    mkdir("d", 0700);
    stat("d", &st);
    show("dir", &st);
    fstatat(AT_FDCWD, "s", &st, AT_SYMLINK_NOFOLLOW);
    show("fstatat nf", &st);
    printf("mkfifo=%d\n", mkfifo("p", 0600));
    lstat("p", &st);
    show("fifo", &st);
    stat("/dev/null", &st);
    show("/dev/null", &st);
    printf("access R=%d W=%d X=%d missing=%d\n", access("f", R_OK), access("f", W_OK), access("f", X_OK),
           access("nope", F_OK));
    struct statvfs sv;
    int svr = statvfs(".", &sv);
    printf("statvfs=%d bsize>0=%d\n", svr, sv.f_bsize > 0);
    struct stat sx;
    printf("statx-like fstatat empty path=%d\n", fstatat(fd, "", &sx, AT_EMPTY_PATH));
    printf("same as fstat=%d\n", sx.st_ino == st2.st_ino);
    close(fd);
    unlink("f"); unlink("g"); unlink("s"); unlink("p"); rmdir("d");
    chdir("/");
    printf("rmdir=%d\n", rmdir(dir));
    return 0;
}
