// POSIX file I/O in a fresh mkdtemp dir: open flags, write/read, lseek, pread/pwrite, ftruncate, rename, unlink.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include <sys/stat.h>

static char dir[64];
static char *P(const char *name) {
    static char buf[4][256];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
    return buf[k];
}

int main(void) {
    strcpy(dir, "/tmp/corpus-file-XXXXXX");
    if (!mkdtemp(dir)) return 1;
    int fd = open(P("a.txt"), O_CREAT | O_EXCL | O_RDWR, 0644);
    printf("open excl fd>=3: %d\n", fd >= 3);
    ssize_t w = write(fd, "hello, world\n", 13);
    printf("write=%zd\n", w);
    /* never put several side-effecting calls in one argument list: evaluation order differs between compilers */
    long cur = (long)lseek(fd, 0, SEEK_CUR);
    long end = (long)lseek(fd, 0, SEEK_END);
    long set = (long)lseek(fd, 7, SEEK_SET);
    printf("lseek cur=%ld end=%ld set=%ld\n", cur, end, set);
    char buf[64] = {0};
    ssize_t r = read(fd, buf, sizeof buf - 1);
    printf("read=%zd [%.*s]\n", r, (int)r - 1, buf);
    r = read(fd, buf, sizeof buf);
    printf("read at eof=%zd\n", r);
    w = pwrite(fd, "HELLO", 5, 0);
    memset(buf, 0, sizeof buf);
    r = pread(fd, buf, 12, 0);
    printf("pwrite=%zd pread=%zd [%s] offset-unchanged=%ld\n", w, r, buf, (long)lseek(fd, 0, SEEK_CUR));
    /* extend by seeking past end: the gap reads as zeros */
    lseek(fd, 100, SEEK_SET);
    write(fd, "X", 1);
    struct stat st;
    fstat(fd, &st);
    printf("size after hole write=%ld\n", (long)st.st_size);
    pread(fd, buf, 10, 50);
    int zeros = 0;
    for (int i = 0; i < 10; i++) zeros += buf[i] == 0;
    printf("hole zeros=%d\n", zeros);
    printf("ftruncate=%d\n", ftruncate(fd, 5));
    fstat(fd, &st);
    printf("size after truncate=%ld\n", (long)st.st_size);
    printf("ftruncate grow=%d\n", ftruncate(fd, 4096));
    fstat(fd, &st);
    printf("size after grow=%ld\n", (long)st.st_size);
    close(fd);
    printf("truncate path=%d\n", truncate(P("a.txt"), 3));
    stat(P("a.txt"), &st);
    printf("size=%ld\n", (long)st.st_size);
    fd = open(P("a.txt"), O_WRONLY | O_APPEND);
    lseek(fd, 0, SEEK_SET);
    write(fd, "++", 2);
    close(fd);
    fd = open(P("a.txt"), O_RDONLY);
    memset(buf, 0, sizeof buf);
    read(fd, buf, sizeof buf);
    close(fd);
    printf("append content [%s]\n", buf);
    fd = open(P("a.txt"), O_WRONLY | O_TRUNC);
    fstat(fd, &st);
    printf("O_TRUNC size=%ld\n", (long)st.st_size);
    close(fd);
    printf("rename=%d\n", rename(P("a.txt"), P("b.txt")));
    int olde = access(P("a.txt"), F_OK) == 0;
    int newe = access(P("b.txt"), F_OK) == 0;
    printf("old exists=%d new exists=%d\n", olde, newe);
    fd = open(P("c.txt"), O_CREAT | O_WRONLY, 0600);
    write(fd, "ccc", 3);
    close(fd);
    printf("rename over existing=%d\n", rename(P("c.txt"), P("b.txt")));
    stat(P("b.txt"), &st);
    printf("b size=%ld\n", (long)st.st_size);
    int u1 = unlink(P("b.txt"));
    int u2 = unlink(P("b.txt"));
    printf("unlink=%d unlink again=%d errno-is-ENOENT=%d\n", u1, u2, errno == ENOENT);
    printf("rmdir=%d\n", rmdir(dir));
    return 0;
}
