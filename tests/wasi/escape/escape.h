/* Helpers of the escape tests: every attempt prints one line, "label: ENAME"
 * when it was refused, or "label: OPENED [...]" with what it read when it
 * succeeded, so that a leak shows in the output (the harness looks there for
 * the secret planted outside the sandbox). The harness passes the host paths
 * in HOST_SANDBOX (the preopen's host directory) and HOST_SECRET (a file
 * beside it, outside); they are never printed. */
#include "../common.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#define READ_RIGHTS (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_FILESTAT_GET | \
                     __WASI_RIGHTS_FD_READDIR | __WASI_RIGHTS_PATH_OPEN | __WASI_RIGHTS_PATH_FILESTAT_GET)

/* a directory's rights: everything but writing data */
#define DIR_RIGHTS (ALL_RIGHTS & ~(__WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_ALLOCATE | __WASI_RIGHTS_FD_FILESTAT_SET_SIZE))

static const char *host_sandbox(void) { const char *s = getenv("HOST_SANDBOX"); return s ? s : "/nonexistent-sandbox"; }
static const char *host_secret(void) { const char *s = getenv("HOST_SECRET"); return s ? s : "/nonexistent-secret"; }

/* what an opened descriptor shows: a file's first bytes, a directory's entry count */
static void leak(__wasi_fd_t fd) {
    char buf[80];
    __wasi_size_t n = 0;
    __wasi_iovec_t iov = {(uint8_t *)buf, sizeof buf - 1};
    __wasi_fdstat_t st;
    if (__wasi_fd_fdstat_get(fd, &st) == 0 && st.fs_filetype == __WASI_FILETYPE_DIRECTORY) {
        char d[4096];
        __wasi_errno_t e = __wasi_fd_readdir(fd, (uint8_t *)d, sizeof d, 0, &n);
        printf("OPENED directory, readdir %s %u bytes", ename(e), (unsigned)n);
        return;
    }
    __wasi_errno_t e = __wasi_fd_read(fd, &iov, 1, &n);
    buf[e ? 0 : n] = 0;
    for (char *p = buf; *p; p++) if (*p == '\n') *p = '|';
    printf("OPENED [%s]", buf);
}

/* path_open relative to dirfd with an explicit length; prints the outcome */
static void attempt_len(const char *label, __wasi_fd_t dirfd, __wasi_lookupflags_t lf, const char *path, size_t len,
                        __wasi_oflags_t of, __wasi_rights_t rights) {
    int32_t fd = -1;
    int e = raw_path_open(dirfd, lf, path, (int32_t)len, of, rights, rights, 0, &fd);
    printf("%s: ", label);
    if (e == 0) { leak(fd); (void)__wasi_fd_close(fd); } else printf("%s", ename(e));
    printf("\n");
}

static void attempt(const char *label, __wasi_fd_t dirfd, const char *path) {
    attempt_len(label, dirfd, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, path, strlen(path), 0, READ_RIGHTS);
}

static void attempt_nofollow(const char *label, __wasi_fd_t dirfd, const char *path) {
    attempt_len(label, dirfd, 0, path, strlen(path), 0, READ_RIGHTS);
}

/* path_filestat_get: succeeds only for paths inside; prints the type only */
static void attempt_stat(const char *label, __wasi_fd_t dirfd, __wasi_lookupflags_t lf, const char *path) {
    __wasi_filestat_t st;
    __wasi_errno_t e = __wasi_path_filestat_get(dirfd, lf, path, &st);
    if (e) printf("%s: %s\n", label, ename(e));
    else printf("%s: STAT OK type=%s\n", label, ftype_name(st.filetype));
}

/* libc open (wasi-libc resolves absolute paths against the preopens) */
static void attempt_libc(const char *label, const char *path, int flags) {
    int fd = open(path, flags, 0644);
    printf("%s: ", label);
    if (fd >= 0) { leak(fd); close(fd); } else printf("%s", ename(errno));
    printf("\n");
}
