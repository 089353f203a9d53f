// File positions: each descriptor has its own; reads, writes, seeks and tells
// move it as under Wasmtime (which keeps it itself); append mode, switched on
// and off with fd_fdstat_set_flags mid-stream; renumbering keeps it; seeks far
// past the end and past 2^63 - 1.
#include "../common.h"
#include <fcntl.h>
#include <unistd.h>
#include <wasi/api.h>

static unsigned long long tell(int fd) {
    __wasi_filesize_t pos = 12345;
    __wasi_errno_t e = __wasi_fd_tell(fd, &pos);
    return e ? 1000000 + e : pos;
}

static void seek(const char *label, int fd, long long off, int whence) {
    __wasi_filesize_t pos = 12345;
    __wasi_errno_t e = __wasi_fd_seek(fd, off, whence, &pos);
    printf("%s: %s %llu, tell %llu\n", label, e ? ename(e) : "ok", (unsigned long long)pos, tell(fd));
}

static void flags(int fd, __wasi_fdflags_t f) {
    printf("set flags %u: %s\n", f, ename(__wasi_fd_fdstat_set_flags(fd, f)));
}

static void contents(void) {
    char buf[128];
    int fd = open("/sandbox/pos.txt", O_RDONLY);
    ssize_t n = read(fd, buf, sizeof buf);
    for (ssize_t i = 0; i < n; i++) if (buf[i] == 0) buf[i] = '@';
    printf("file: %zd [%.*s]\n", n, (int)(n < 0 ? 0 : n), buf);
    close(fd);
}

int main(void) {
    int a = open("/sandbox/pos.txt", O_CREAT | O_RDWR | O_TRUNC, 0644);
    int b = open("/sandbox/pos.txt", O_RDWR);
    printf("write a: %zd, tell a %llu, tell b %llu\n", write(a, "0123456789", 10), tell(a), tell(b));
    char buf[16] = {0};
    printf("read b 4: %zd [%.4s], tell b %llu\n", read(b, buf, 4), buf, tell(b));
    seek("a set 2", a, 2, __WASI_WHENCE_SET);
    printf("write a: %zd, tell a %llu\n", write(a, "ab", 2), tell(a));
    seek("a cur -1", a, -1, __WASI_WHENCE_CUR);
    seek("a cur -10", a, -10, __WASI_WHENCE_CUR);
    seek("a end -3", a, -3, __WASI_WHENCE_END);
    seek("a end 5", a, 5, __WASI_WHENCE_END);
    printf("write past end: %zd, tell %llu\n", write(a, "Z", 1), tell(a));
    seek("a set huge", a, 0x7ffffffffffffff0ll, __WASI_WHENCE_SET);
    seek("a cur +32 past 2^63-1", a, 32, __WASI_WHENCE_CUR);
    seek("a cur -1", a, -1, __WASI_WHENCE_CUR);
    seek("a set 1 TiB", a, 1ll << 40, __WASI_WHENCE_SET);
    printf("read at 1 TiB: %zd, tell %llu\n", read(a, buf, 4), tell(a));
    seek("a set 0", a, 0, __WASI_WHENCE_SET);
    contents();

    flags(a, __WASI_FDFLAGS_APPEND);
    printf("tell after append on: %llu\n", tell(a));
    printf("append write: %zd, tell %llu\n", write(a, "AP", 2), tell(a));
    seek("a set 1 in append mode", a, 1, __WASI_WHENCE_SET);
    printf("append write: %zd, tell %llu\n", write(a, "pp", 2), tell(a));
    flags(a, 0);
    printf("tell after append off: %llu\n", tell(a));
    seek("a set 3", a, 3, __WASI_WHENCE_SET);
    printf("write: %zd, tell %llu\n", write(a, "w", 1), tell(a));
    printf("read: %zd [%.3s], tell %llu\n", read(a, buf, 3), buf, tell(a));
    contents();

    __wasi_fd_t to = (__wasi_fd_t)b;
    printf("renumber a over b: %s\n", ename(__wasi_fd_renumber(a, to)));
    printf("tell b (was a): %llu\n", tell(b));
    close(b);

    int c = open("/sandbox/pos.txt", O_WRONLY | O_APPEND);
    printf("append open: tell %llu\n", tell(c));
    printf("append write: %zd, tell %llu\n", write(c, "!", 1), tell(c));
    flags(c, 0);
    printf("tell after append off: %llu\n", tell(c));
    printf("write: %zd, tell %llu\n", write(c, "?", 1), tell(c));
    close(c);
    contents();
    return 0;
}
