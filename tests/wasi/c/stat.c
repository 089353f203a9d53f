// stat/fstat/lstat (size, type, nlink; no times or inodes except fixed ones),
// utimensat/futimens with fixed times, then the mtime and atime read back.
#include "../common.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *type(mode_t m) {
    return S_ISREG(m) ? "file" : S_ISDIR(m) ? "dir" : S_ISLNK(m) ? "symlink" : S_ISCHR(m) ? "char"
         : S_ISBLK(m) ? "block" : S_ISFIFO(m) ? "fifo" : S_ISSOCK(m) ? "socket" : "?";
}

static void show(const char *how, const char *path, int r, struct stat *st) {
    if (r < 0) { printf("%s %s: %s\n", how, path, ename(errno)); return; }
    /* a directory's size depends on the host file system */
    if (S_ISDIR(st->st_mode)) printf("%s %s: %s nlink=%lu\n", how, path, type(st->st_mode), (unsigned long)st->st_nlink);
    else printf("%s %s: %s size=%lld nlink=%lu\n", how, path, type(st->st_mode), (long long)st->st_size, (unsigned long)st->st_nlink);
}

static void both(const char *path) {
    struct stat st;
    int r = stat(path, &st);
    show("stat", path, r, &st);
    r = lstat(path, &st);
    show("lstat", path, r, &st);
}

static void times_of(const char *path) {
    struct stat st;
    if (stat(path, &st) < 0) { printf("times %s: %s\n", path, ename(errno)); return; }
    printf("times %s: atime=%lld.%09ld mtime=%lld.%09ld\n", path, (long long)st.st_atim.tv_sec, st.st_atim.tv_nsec,
           (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
}

int main(void) {
    const char *paths[] = {"/sandbox", "/sandbox/hello.txt", "/sandbox/sub", "/sandbox/sub/deeper", "/sandbox/link-hello",
                           "/sandbox/link-sub", "/sandbox/dangling", "/sandbox/missing", "/sandbox/hello.txt/x",
                           "/sandbox/sub/", "/sandbox/hello.txt/", "/sandbox/./sub/../hello.txt", "/sandbox/link-sub/a.txt"};
    for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) both(paths[i]);

    int fd = open("/sandbox/hello.txt", O_RDONLY);
    struct stat st;
    show("fstat", "hello.txt", fstat(fd, &st), &st);
    close(fd);
    fd = open("/sandbox/sub", O_RDONLY | O_DIRECTORY);
    show("fstat", "sub", fstat(fd, &st), &st);
    show("fstatat", "sub/a.txt", fstatat(fd, "a.txt", &st, 0), &st);
    show("fstatat nofollow", "../link-hello", fstatat(fd, "../link-hello", &st, AT_SYMLINK_NOFOLLOW), &st);
    close(fd);
    show("fstat", "stdin", fstat(0, &st), &st);
    show("fstat", "fd 3", fstat(3, &st), &st);

    /* link count of a file with two names, of a directory with subdirectories */
    link("/sandbox/hello.txt", "/sandbox/hello2.txt");
    both("/sandbox/hello.txt");
    mkdir("/sandbox/nl", 0755);
    mkdir("/sandbox/nl/a", 0755);
    mkdir("/sandbox/nl/b", 0755);
    both("/sandbox/nl");

    /* sizes follow writes and truncation */
    fd = open("/sandbox/grow.bin", O_CREAT | O_RDWR, 0644);
    for (int i = 0; i < 3; i++) {
        write(fd, "0123456789", 10);
        fstat(fd, &st);
        printf("grow size=%lld blocks>0=%d\n", (long long)st.st_size, st.st_blocks > 0);
    }
    ftruncate(fd, 4);
    fstat(fd, &st);
    printf("after ftruncate size=%lld\n", (long long)st.st_size);

    /* fixed times */
    struct timespec ts[2] = {{1000000000, 123456789}, {1200000000, 987654321}};
    CHECK("utimensat", utimensat(AT_FDCWD, "/sandbox/hello.txt", ts, 0));
    times_of("/sandbox/hello.txt");
    struct timespec omit[2] = {{0, UTIME_OMIT}, {1300000000, 0}};
    CHECK("utimensat omit atime", utimensat(AT_FDCWD, "/sandbox/hello.txt", omit, 0));
    times_of("/sandbox/hello.txt");
    struct timespec ts2[2] = {{1400000000, 5}, {1500000000, 500000000}};
    CHECK("futimens", futimens(fd, ts2));
    times_of("/sandbox/grow.bin");
    close(fd);
    CHECK("utimensat dir", utimensat(AT_FDCWD, "/sandbox/sub", ts, 0));
    times_of("/sandbox/sub");
    CHECK("utimensat nofollow on symlink", utimensat(AT_FDCWD, "/sandbox/link-sub", ts2, AT_SYMLINK_NOFOLLOW));
    struct stat lst;
    if (lstat("/sandbox/link-sub", &lst) == 0)
        printf("symlink mtime=%lld (target mtime unchanged: %d)\n", (long long)lst.st_mtim.tv_sec,
               stat("/sandbox/sub", &st) == 0 && st.st_mtim.tv_sec == 1200000000);
    CHECK("utimensat missing", utimensat(AT_FDCWD, "/sandbox/missing", ts, 0));
    struct timespec now[2] = {{0, UTIME_NOW}, {0, UTIME_NOW}};
    CHECK("utimensat now", utimensat(AT_FDCWD, "/sandbox/hello.txt", now, 0));
    stat("/sandbox/hello.txt", &st);
    struct timespec rt;
    clock_gettime(CLOCK_REALTIME, &rt);
    printf("now-mtime within 60s of realtime: %d\n", st.st_mtim.tv_sec > rt.tv_sec - 60 && st.st_mtim.tv_sec <= rt.tv_sec + 1);
    struct timespec bad[2] = {{0, 1000000000}, {0, 0}};
    CHECK("utimensat bad nsec", utimensat(AT_FDCWD, "/sandbox/hello.txt", bad, 0));
    /* a new file's times are recent */
    fd = open("/sandbox/fresh.txt", O_CREAT | O_WRONLY, 0644);
    fstat(fd, &st);
    printf("fresh file mtime recent: %d\n", st.st_mtim.tv_sec > rt.tv_sec - 60);
    close(fd);
    return 0;
}
