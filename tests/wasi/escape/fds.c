// Descriptors the sandbox was not given: the harness runs this with host
// descriptors 5..20 open (the secret, /etc/passwd, the outside directory);
// the guest must see none of them. fd_renumber onto the preopen, closing it.
#include "escape.h"

int main(void) {
    char buf[64];
    for (int fd = 0; fd <= 40; fd++) {
        __wasi_fdstat_t st;
        __wasi_prestat_t ps;
        __wasi_size_t n = 0;
        __wasi_iovec_t iov = {(uint8_t *)buf, sizeof buf};
        __wasi_errno_t e1 = __wasi_fd_fdstat_get(fd, &st);
        __wasi_errno_t e2 = __wasi_fd_prestat_get(fd, &ps);
        __wasi_errno_t e3 = fd > 2 ? __wasi_fd_read(fd, &iov, 1, &n) : __WASI_ERRNO_SUCCESS;
        if (fd > 2 && e3 == 0) printf("fd %d read: OPENED [%.*s]\n", fd, (int)n, buf);
        if (e1 != __WASI_ERRNO_BADF || e2 != __WASI_ERRNO_BADF)
            printf("fd %d: fdstat %s prestat %s read %s\n", fd, ename(e1), ename(e2), ename(e3));
    }
    __wasi_filestat_t fs;
    RAW("filestat of fd 7", __wasi_fd_filestat_get(7, &fs));
    RAW("path_open relative to fd 9", __wasi_path_open(9, 0, "secret.txt", 0, READ_RIGHTS, READ_RIGHTS, 0, (__wasi_fd_t *)buf));
    RAW("renumber fd 7 onto 3", __wasi_fd_renumber(7, 3));
    RAW("renumber 3 onto fd 8 (not open)", __wasi_fd_renumber(3, 8));
    attempt("preopen still works", 3, "hello.txt");

    /* a file renumbered onto the preopen: the preopen is gone, the file is no directory */
    int32_t f = -1;
    int e = raw_path_open(3, 0, "hello.txt", 9, 0, READ_RIGHTS, READ_RIGHTS, 0, &f);
    printf("open hello.txt: %s\n", ename(e));
    RAW("renumber hello.txt onto 3", __wasi_fd_renumber(f, 3));
    attempt("path_open through the renumbered file", 3, "sub");
    attempt("path_open .. through the renumbered file", 3, "..");
    __wasi_prestat_t ps;
    RAW("prestat of 3 now", __wasi_fd_prestat_get(3, &ps));
    RAW("old number after renumber", __wasi_fd_close(f));
    RAW("close 3", __wasi_fd_close(3));
    attempt("path_open on closed 3", 3, "hello.txt");
    attempt_libc("libc open /sandbox/hello.txt with the preopen gone", "/sandbox/hello.txt", O_RDONLY);
    attempt_libc("libc open /etc/passwd with the preopen gone", "/etc/passwd", O_RDONLY);
    return 0;
}
