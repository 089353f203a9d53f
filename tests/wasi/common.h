/* Helpers shared by the WASI test programs (tests/wasi/c, tests/wasi/escape).
 * Everything printed must be deterministic and independent of the host paths
 * of the sandbox: the harness compares two runs line by line. */
#ifndef WASI_TEST_COMMON_H
#define WASI_TEST_COMMON_H
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

/* WASI errno numbers are wasi-libc's errno numbers (0..76). */
static const char *const wasi_errno_names[] = {
    "OK", "E2BIG", "EACCES", "EADDRINUSE", "EADDRNOTAVAIL", "EAFNOSUPPORT",
    "EAGAIN", "EALREADY", "EBADF", "EBADMSG", "EBUSY", "ECANCELED",
    "ECHILD", "ECONNABORTED", "ECONNREFUSED", "ECONNRESET", "EDEADLK", "EDESTADDRREQ",
    "EDOM", "EDQUOT", "EEXIST", "EFAULT", "EFBIG", "EHOSTUNREACH",
    "EIDRM", "EILSEQ", "EINPROGRESS", "EINTR", "EINVAL", "EIO",
    "EISCONN", "EISDIR", "ELOOP", "EMFILE", "EMLINK", "EMSGSIZE",
    "EMULTIHOP", "ENAMETOOLONG", "ENETDOWN", "ENETRESET", "ENETUNREACH", "ENFILE",
    "ENOBUFS", "ENODEV", "ENOENT", "ENOEXEC", "ENOLCK", "ENOLINK",
    "ENOMEM", "ENOMSG", "ENOPROTOOPT", "ENOSPC", "ENOSYS", "ENOTCONN",
    "ENOTDIR", "ENOTEMPTY", "ENOTRECOVERABLE", "ENOTSOCK", "ENOTSUP", "ENOTTY",
    "ENXIO", "EOVERFLOW", "EOWNERDEAD", "EPERM", "EPIPE", "EPROTO",
    "EPROTONOSUPPORT", "EPROTOTYPE", "ERANGE", "EROFS", "ESPIPE", "ESRCH",
    "ESTALE", "ETIMEDOUT", "ETXTBSY", "EXDEV", "ENOTCAPABLE",
};

static inline const char *ename(int e) {
    static char buf[24];
    if (e >= 0 && e < (int)(sizeof wasi_errno_names / sizeof *wasi_errno_names))
        return wasi_errno_names[e];
    snprintf(buf, sizeof buf, "E?%d", e);
    return buf;
}

/* CHECK(label, call): prints "label: ok" or "label: ENAME" (call returns <0 and sets errno). */
#define CHECK(label, expr) do { errno = 0; long r_ = (long)(expr); \
    if (r_ < 0) printf("%s: %s\n", (label), ename(errno)); else printf("%s: ok\n", (label)); } while (0)
/* RAW(label, call): a raw __wasi_* call returning an errno. */
#define RAW(label, expr) do { int e_ = (int)(expr); printf("%s: %s\n", (label), ename(e_)); } while (0)

/* The raw preview-1 import, with an explicit path length (embedded NULs, bad lengths). */
int32_t raw_path_open(int32_t fd, int32_t dirflags, const char *path, int32_t path_len,
                      int32_t oflags, int64_t rights_base, int64_t rights_inheriting,
                      int32_t fdflags, int32_t *fd_out)
    __attribute__((import_module("wasi_snapshot_preview1"), import_name("path_open")));

#define ALL_RIGHTS ((__wasi_rights_t)0x1fffffffULL)

static inline const char *ftype_name(int t) {
    switch (t) {
    case __WASI_FILETYPE_UNKNOWN: return "unknown";
    case __WASI_FILETYPE_BLOCK_DEVICE: return "block";
    case __WASI_FILETYPE_CHARACTER_DEVICE: return "char";
    case __WASI_FILETYPE_DIRECTORY: return "dir";
    case __WASI_FILETYPE_REGULAR_FILE: return "file";
    case __WASI_FILETYPE_SOCKET_DGRAM: return "dgram";
    case __WASI_FILETYPE_SOCKET_STREAM: return "stream";
    case __WASI_FILETYPE_SYMBOLIC_LINK: return "symlink";
    default: return "?";
    }
}

static inline int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}
#endif
