// File I/O: create, write, read, seek/tell, pread/pwrite, append, truncate,
// O_EXCL, fsync, large files, sparse files, read-only and write-only descriptors.
#include "../common.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

static void show(const char *label, int fd) {
    char buf[256];
    off_t pos = lseek(fd, 0, SEEK_CUR);
    lseek(fd, 0, SEEK_SET);
    ssize_t n = read(fd, buf, sizeof buf - 1);
    if (n < 0) { printf("%s: read %s\n", label, ename(errno)); return; }
    buf[n] = 0;
    for (ssize_t i = 0; i < n; i++) if (buf[i] == 0) buf[i] = '@';
    printf("%s: %zd bytes [%s]\n", label, n, buf);
    lseek(fd, pos, SEEK_SET);
}

int main(void) {
    int fd = open("/sandbox/new.txt", O_CREAT | O_RDWR | O_TRUNC, 0644);
    printf("open new: %s\n", fd >= 0 ? "ok" : ename(errno));
    printf("write=%zd\n", write(fd, "hello world\n", 12));
    printf("tell=%lld\n", (long long)lseek(fd, 0, SEEK_CUR));
    printf("seek set 6=%lld\n", (long long)lseek(fd, 6, SEEK_SET));
    char buf[64] = {0};
    printf("read=%zd [%.*s]\n", read(fd, buf, 5), 5, buf);
    printf("seek cur -3=%lld\n", (long long)lseek(fd, -3, SEEK_CUR));
    printf("seek end 0=%lld\n", (long long)lseek(fd, 0, SEEK_END));
    printf("seek end -1=%lld\n", (long long)lseek(fd, -1, SEEK_END));
    errno = 0;
    printf("seek negative=%lld %s\n", (long long)lseek(fd, -100, SEEK_SET), ename(errno));
    printf("read at EOF=%zd\n", (lseek(fd, 0, SEEK_END), read(fd, buf, sizeof buf)));
    printf("pwrite=%zd\n", pwrite(fd, "WORLD", 5, 6));
    printf("tell after pwrite=%lld\n", (long long)lseek(fd, 0, SEEK_CUR));
    memset(buf, 0, sizeof buf);
    printf("pread=%zd [%s]\n", pread(fd, buf, 5, 0), buf);
    printf("pread past EOF=%zd\n", pread(fd, buf, 5, 1000));
    show("after pwrite", fd);
    printf("fsync: %s\n", fsync(fd) == 0 ? "ok" : ename(errno));
    printf("fdatasync: %s\n", fdatasync(fd) == 0 ? "ok" : ename(errno));
    printf("ftruncate 5: %s\n", ftruncate(fd, 5) == 0 ? "ok" : ename(errno));
    show("after ftruncate 5", fd);
    printf("ftruncate 8: %s\n", ftruncate(fd, 8) == 0 ? "ok" : ename(errno));
    show("after ftruncate 8", fd);
    close(fd);

    /* append */
    fd = open("/sandbox/new.txt", O_WRONLY | O_APPEND);
    printf("open append: %s\n", fd >= 0 ? "ok" : ename(errno));
    lseek(fd, 0, SEEK_SET);
    printf("append write=%zd\n", write(fd, "+tail", 5));
    printf("tell after append=%lld\n", (long long)lseek(fd, 0, SEEK_CUR));
    errno = 0;
    printf("read on O_WRONLY=%zd %s\n", read(fd, buf, 4), ename(errno));
    int fl = fcntl(fd, F_GETFL);
    printf("F_GETFL append=%d accmode=%d\n", !!(fl & O_APPEND), fl & O_ACCMODE);
    printf("F_SETFL clear append: %s\n", fcntl(fd, F_SETFL, fl & ~O_APPEND) == 0 ? "ok" : ename(errno));
    fl = fcntl(fd, F_GETFL);
    printf("F_GETFL append=%d\n", !!(fl & O_APPEND));
    close(fd);
    fd = open("/sandbox/new.txt", O_RDONLY);
    show("after append", fd);
    errno = 0;
    printf("write on O_RDONLY=%zd %s\n", write(fd, "x", 1), ename(errno));
    close(fd);

    /* truncate by path, O_TRUNC */
    printf("truncate 3: %s\n", truncate("/sandbox/new.txt", 3) == 0 ? "ok" : ename(errno));
    fd = open("/sandbox/new.txt", O_RDONLY);
    show("after truncate", fd);
    close(fd);
    fd = open("/sandbox/hello.txt", O_RDWR | O_TRUNC);
    printf("O_TRUNC existing: %s\n", fd >= 0 ? "ok" : ename(errno));
    write(fd, "replaced\n", 9);
    close(fd);

    /* O_EXCL */
    fd = open("/sandbox/new.txt", O_CREAT | O_EXCL | O_WRONLY, 0644);
    printf("O_EXCL existing: %s\n", fd >= 0 ? "ok" : ename(errno));
    fd = open("/sandbox/excl.txt", O_CREAT | O_EXCL | O_WRONLY, 0644);
    printf("O_EXCL new: %s\n", fd >= 0 ? "ok" : ename(errno));
    write(fd, "exclusive\n", 10);
    close(fd);
    fd = open("/sandbox/link-hello", O_CREAT | O_EXCL | O_WRONLY, 0644);
    printf("O_EXCL on symlink: %s\n", fd >= 0 ? "ok" : ename(errno));
    fd = open("/sandbox/missing/x.txt", O_CREAT | O_WRONLY, 0644);
    printf("O_CREAT in missing dir: %s\n", fd >= 0 ? "ok" : ename(errno));

    /* a 1 MiB file written in odd pieces, then checked */
    fd = open("/sandbox/big.bin", O_CREAT | O_RDWR, 0644);
    static unsigned char big[1 << 20];
    for (size_t i = 0; i < sizeof big; i++) big[i] = (unsigned char)(i * 7 + (i >> 10));
    size_t off = 0, piece = 1;
    while (off < sizeof big) {
        size_t n = piece < sizeof big - off ? piece : sizeof big - off;
        ssize_t w = write(fd, big + off, n);
        if (w <= 0) { printf("big write failed: %s\n", ename(errno)); break; }
        off += w;
        piece = piece * 3 + 1;
    }
    static unsigned char back[1 << 20];
    lseek(fd, 0, SEEK_SET);
    size_t got = 0;
    ssize_t r;
    while ((r = read(fd, back + got, sizeof back - got)) > 0) got += r;
    printf("big: wrote %zu read %zu equal=%d\n", off, got, memcmp(big, back, sizeof big) == 0);
    close(fd);

    /* sparse: write after a hole */
    fd = open("/sandbox/sparse.bin", O_CREAT | O_RDWR, 0644);
    printf("seek 100000=%lld\n", (long long)lseek(fd, 100000, SEEK_SET));
    printf("write=%zd\n", write(fd, "end", 3));
    struct stat st;
    fstat(fd, &st);
    printf("sparse size=%lld\n", (long long)st.st_size);
    memset(buf, 1, 8);
    printf("pread hole=%zd bytes %d%d%d%d\n", pread(fd, buf, 4, 500), buf[0], buf[1], buf[2], buf[3]);
    close(fd);

    /* readv/writev */
    fd = open("/sandbox/vec.txt", O_CREAT | O_RDWR, 0644);
    struct iovec iov[3] = {{"one ", 4}, {"", 0}, {"two\n", 4}};
    printf("writev=%zd\n", writev(fd, iov, 3));
    char a[3], b[10];
    struct iovec riov[2] = {{a, 3}, {b, 10}};
    lseek(fd, 0, SEEK_SET);
    ssize_t rv = readv(fd, riov, 2);
    printf("readv=%zd [%.3s][%.*s]\n", rv, a, (int)(rv > 3 ? rv - 3 : 0), b);
    close(fd);

    /* stdio on files */
    FILE *f = fopen("/sandbox/stdio.txt", "w+");
    for (int i = 0; i < 100; i++) fprintf(f, "row %d\n", i);
    fseek(f, 0, SEEK_SET);
    char line[64];
    int rows = 0;
    while (fgets(line, sizeof line, f)) rows++;
    printf("stdio rows=%d ftell=%ld\n", rows, ftell(f));
    fclose(f);

    /* a closed descriptor */
    errno = 0;
    printf("close twice: %d %s\n", close(fd), ename(errno));
    return 0;
}
