// Descriptors: the preopens (exactly /sandbox at 3, nothing else), fdstat of
// stdio, files and directories, fd_renumber (dup2), fd_fdstat_set_flags,
// fd_advise, fd_allocate, fd_filestat_set_size, fd_sync.
#include "../common.h"
#include <fcntl.h>
#include <unistd.h>

int main(void) {
    for (int fd = 0; fd < 64; fd++) {
        __wasi_prestat_t ps;
        __wasi_errno_t e = __wasi_fd_prestat_get(fd, &ps);
        if (e == __WASI_ERRNO_BADF) continue;
        if (e) { printf("fd %d: prestat %s\n", fd, ename(e)); continue; }
        char name[256] = {0};
        e = __wasi_fd_prestat_dir_name(fd, (uint8_t *)name, ps.u.dir.pr_name_len);
        printf("fd %d: preopen [%.*s] len=%u %s\n", fd, (int)ps.u.dir.pr_name_len, name, (unsigned)ps.u.dir.pr_name_len, ename(e));
    }
    for (int fd = 0; fd < 64; fd++) {
        __wasi_fdstat_t st;
        __wasi_errno_t e = __wasi_fd_fdstat_get(fd, &st);
        if (e == __WASI_ERRNO_BADF) continue;
        printf("fd %d open: %s type=%s\n", fd, ename(e), fd <= 2 ? "(stdio)" : ftype_name(st.fs_filetype));
    }
    char small[4];
    __wasi_prestat_t ps;
    RAW("prestat_get on stdout", __wasi_fd_prestat_get(1, &ps));
    RAW("prestat_dir_name short buffer", __wasi_fd_prestat_dir_name(3, (uint8_t *)small, 2));

    int a = open("/sandbox/a.out", O_CREAT | O_RDWR, 0644);
    int b = open("/sandbox/b.out", O_CREAT | O_RDWR, 0644);
    printf("a=%d b=%d\n", a, b);
    __wasi_fdstat_t st;
    (void)__wasi_fd_fdstat_get(a, &st);
    printf("file fdstat: type=%s flags=%u\n", ftype_name(st.fs_filetype), st.fs_flags);
    (void)__wasi_fd_fdstat_get(3, &st);
    printf("preopen fdstat: type=%s flags=%u\n", ftype_name(st.fs_filetype), st.fs_flags);

    write(a, "to a\n", 5);
    RAW("renumber a onto b (dup2)", __wasi_fd_renumber(a, b));
    write(b, "to b, now a\n", 12);
    errno = 0;
    printf("a after renumber: write=%zd %s\n", write(a, "x", 1), ename(errno));
    RAW("renumber onto closed fd 40", __wasi_fd_renumber(b, 40));
    RAW("renumber from closed fd 41", __wasi_fd_renumber(41, b));
    RAW("renumber to itself", __wasi_fd_renumber(b, b));
    write(b, "still b\n", 8);
    __wasi_fdstat_t fst;
    RAW("fdstat_set_flags append", __wasi_fd_fdstat_set_flags(b, __WASI_FDFLAGS_APPEND));
    (void)__wasi_fd_fdstat_get(b, &fst);
    printf("flags now %u\n", fst.fs_flags);
    RAW("fdstat_set_flags nonblock", __wasi_fd_fdstat_set_flags(b, __WASI_FDFLAGS_NONBLOCK));
    RAW("fdstat_set_flags sync", __wasi_fd_fdstat_set_flags(b, __WASI_FDFLAGS_SYNC));
    RAW("fd_advise", __wasi_fd_advise(b, 0, 100, __WASI_ADVICE_SEQUENTIAL));
    RAW("fd_allocate", __wasi_fd_allocate(b, 0, 4096));
    RAW("fd_filestat_set_size 3", __wasi_fd_filestat_set_size(b, 3));
    RAW("fd_filestat_set_size 10", __wasi_fd_filestat_set_size(b, 10));
    RAW("fd_sync", __wasi_fd_sync(b));
    RAW("fd_datasync", __wasi_fd_datasync(b));
    RAW("fd_sync on preopen", __wasi_fd_sync(3));
    RAW("fd_filestat_set_size on preopen", __wasi_fd_filestat_set_size(3, 0));
    RAW("fd_advise on preopen", __wasi_fd_advise(3, 0, 0, __WASI_ADVICE_NORMAL));
    __wasi_filesize_t off = 99;
    RAW("fd_seek on preopen", __wasi_fd_seek(3, 0, __WASI_WHENCE_CUR, &off));
    RAW("fd_tell on stdin", __wasi_fd_tell(0, &off));

    int c = open("/sandbox/c.out", O_CREAT | O_WRONLY, 0644);
    printf("c reuses the number a had: %d\n", c == a);
    fflush(stdout);
    RAW("renumber b onto stdout", __wasi_fd_renumber(b, 1));
    printf("this line goes to b.out, not stdout\n");
    fflush(stdout);
    RAW("renumber c onto stderr", __wasi_fd_renumber(c, 2));
    fprintf(stderr, "stderr to c.out\n");
    RAW("close preopen 3", __wasi_fd_close(3));
    errno = 0;
    int d = open("/sandbox/hello.txt", O_RDONLY);
    fprintf(stderr, "open after closing the preopen: %d %s\n", d, ename(errno));
    return 0;
}
