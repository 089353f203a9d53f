/* fd_* operations on open descriptors. Like Wasmtime's p1 adapter, reads and
 * writes use only the first non-empty iovec (one syscall, no copy: the iovec
 * and buffer are the program's own memory), standard streams are not
 * seekable (SPIPE), and whole-file operations accept only files (BADF). */
#include "layer.h"

static u32 zero_iov[2];

/* iovec {u32 buf, u32 len}: the first one with len != 0, or an empty one */
static const u32 *first_iov(const u32 *iovs, u32 n) {
    for (u32 i = 0; i < n; i++)
        if (iovs[2 * i + 1]) return iovs + 2 * i;
    return zero_iov;
}

/* One read or write of `iov`, retried on EINTR: at `off` (pread/pwrite)
 * when `at`, else at the host descriptor's offset (readv/writev). */
static i64 transfer(int host, const u32 *iov, int write, int at, u64 off) {
    i64 r;
    do {
        if (at) r = write ? wali_pwrite64(host, (const void *)iov[0], iov[1], off)
                          : wali_pread64(host, (void *)iov[0], iov[1], off);
        else r = write ? wali_writev(host, iov, 1) : wali_readv(host, iov, 1);
    } while (r == -L_EINTR);
    return r;
}

/* A regular file not in append mode: I/O at `pos`, as Wasmtime keeps a
 * file's position itself (fd_tell and fd_seek SET/CUR need no syscall);
 * the host offset is unused meanwhile. */
static int tracked(const struct wfd *d) {
    return d->regular && !d->append;
}

/* fd_read/fd_write: at the descriptor's tracked position, which moves on,
 * or at the host's offset */
static int sequential(struct wfd *d, const u32 *iovs, u32 n, int write, u32 *count) {
    i64 r = transfer(d->host, first_iov(iovs, n), write, tracked(d), d->pos);
    if (r < 0) return err_fs(r);
    if (tracked(d)) d->pos += r;
    *count = r;
    return 0;
}

static struct wfd *get_file(u32 fd) {
    struct wfd *d = fd_get(fd);
    return d && d->kind == K_FILE ? d : NULL;
}

EXPORT(fd_read) int wasi_fd_read(u32 fd, const u32 *iovs, u32 n, u32 *nread) {
    struct wfd *d = fd_get(fd);
    if (!d || (d->kind != K_FILE && d->kind != K_STDIN)) return E_BADF;
    return sequential(d, iovs, n, 0, nread);
}

/* fd_pread and fd_pwrite: a standard stream is SPIPE, anything else but a
 * file BADF; one call at off on the first non-empty iovec. */
static int positioned(u32 fd, const u32 *iovs, u32 n, u64 off, u32 *count, int write) {
    struct wfd *d = fd_get(fd);
    if (d && (write ? d->kind == K_STDOUT || d->kind == K_STDERR : d->kind == K_STDIN)) return E_SPIPE;
    if (!d || d->kind != K_FILE) return E_BADF;
    /* with O_APPEND Linux appends and ignores off, as Wasmtime does */
    i64 r = transfer(d->host, first_iov(iovs, n), write, 1, off);
    if (r < 0) return err_fs(r);
    *count = r;
    return 0;
}

EXPORT(fd_pread) int wasi_fd_pread(u32 fd, const u32 *iovs, u32 n, u64 off, u32 *nread) {
    return positioned(fd, iovs, n, off, nread, 0);
}

/* Standard output and error take the whole buffer, as Wasmtime's blocking
 * write-and-flush does; files take one write. A broken pipe is a closed
 * stream to Wasmtime, which p1 reports as IO. */
static int write_all(int host, const u8 *buf, u32 len, u32 *nwritten) {
    u32 done = 0;
    while (done < len) {
        i64 r = wali_write(host, buf + done, len - done);
        if (r == -L_EINTR) continue;
        if (r == -L_EPIPE) return E_IO;
        if (r < 0) return err_fs(r);
        done += r;
    }
    *nwritten = done;
    return 0;
}

EXPORT(fd_write) int wasi_fd_write(u32 fd, const u32 *iovs, u32 n, u32 *nwritten) {
    struct wfd *d = fd_get(fd);
    if (!d) return E_BADF;
    if (d->kind == K_STDOUT || d->kind == K_STDERR) {
        const u32 *iov = first_iov(iovs, n);
        return write_all(d->host, (const u8 *)iov[0], iov[1], nwritten);
    }
    if (d->kind != K_FILE) return E_BADF;
    return sequential(d, iovs, n, 1, nwritten);
}

EXPORT(fd_pwrite) int wasi_fd_pwrite(u32 fd, const u32 *iovs, u32 n, u64 off, u32 *nwritten) {
    return positioned(fd, iovs, n, off, nwritten, 1);
}

/* Files, else SPIPE for standard streams, else BADF. */
static int seekable(u32 fd, struct wfd **out) {
    struct wfd *d = fd_get(fd);
    if (d && d->kind >= K_STDIN && d->kind <= K_STDERR) return E_SPIPE;
    if (!d || d->kind != K_FILE) return E_BADF;
    *out = d;
    return 0;
}

EXPORT(fd_seek) int wasi_fd_seek(u32 fd, i64 off, u32 whence, u64 *newoff) {
    if (whence > 2) BAD_ARG();
    struct wfd *d;
    int e = seekable(fd, &d);
    if (e) return e;
    if (whence == 0 && off < 0) return E_INVAL;
    if (tracked(d) && whence != 2) {
        /* SET or CUR: positions are unsigned 64-bit, as Wasmtime's (which
         * the kernel's would cap at the file system's largest file size) */
        u64 base = whence == 0 ? 0 : d->pos;
        u64 mag = off < 0 ? (u64)(-(off + 1)) + 1 : (u64)off;
        if (off < 0 ? mag > base : base > ~0ull - mag) return E_INVAL;
        d->pos = off < 0 ? base - mag : base + mag;
        *newoff = d->pos;
        return 0;
    }
    i64 r = wali_lseek(d->host, off, whence);   /* witx SET/CUR/END = Linux's */
    if (r < 0) return err_fs(r);
    if (tracked(d)) d->pos = r;
    *newoff = r;
    return 0;
}

EXPORT(fd_tell) int wasi_fd_tell(u32 fd, u64 *off) {
    struct wfd *d;
    int e = seekable(fd, &d);
    if (e) return e;
    if (tracked(d)) {
        *off = d->pos;
        return 0;
    }
    i64 r = wali_lseek(d->host, 0, 1);
    if (r < 0) return err_fs(r);
    *off = r;
    return 0;
}

#define PREOPEN_RIGHTS                                                                          \
    (R_PATH_CREATE_DIRECTORY | R_PATH_CREATE_FILE | R_PATH_LINK_SOURCE | R_PATH_LINK_TARGET |   \
     R_PATH_OPEN | R_FD_READDIR | R_PATH_READLINK | R_PATH_RENAME_SOURCE | R_PATH_RENAME_TARGET | \
     R_PATH_SYMLINK | R_PATH_REMOVE_DIRECTORY | R_PATH_UNLINK_FILE | R_PATH_FILESTAT_GET |       \
     R_PATH_FILESTAT_SET_TIMES | R_FD_FILESTAT_GET | R_FD_FILESTAT_SET_TIMES)
#define PREOPEN_INHERIT                                                                       \
    (PREOPEN_RIGHTS | R_FD_DATASYNC | R_FD_READ | R_FD_SEEK | R_FD_FDSTAT_SET_FLAGS | R_FD_SYNC | \
     R_FD_TELL | R_FD_WRITE | R_FD_ADVISE | R_FD_ALLOCATE | R_FD_FILESTAT_SET_SIZE |            \
     R_POLL_FD_READWRITE)

EXPORT(fd_fdstat_get) int wasi_fd_fdstat_get(u32 fd, u8 *out) {
    struct wfd *d = fd_get(fd);
    if (!d) return E_BADF;
    u8 type = FT_UNKNOWN;
    u16 flags = 0;
    u64 base, inh;
    if (d->kind >= K_STDIN && d->kind <= K_STDERR) {
        type = d->tty ? FT_CHAR : FT_UNKNOWN;
        base = inh = d->kind == K_STDIN ? R_FD_READ : R_FD_WRITE;
    } else if (d->kind == K_DIR && d->name) {
        type = FT_DIR;
        base = PREOPEN_RIGHTS;
        inh = PREOPEN_INHERIT;
    } else {
        int e = stat_type(d->host, &type);
        if (e) return e;
        base = R_ALL;
        if (type == FT_DIR) base &= ~(R_FD_SEEK | R_FD_FILESTAT_SET_SIZE | R_PATH_FILESTAT_SET_SIZE);
        if (!d->rd) base &= ~(R_FD_READ | R_FD_READDIR);
        if (!d->wr || d->kind == K_DIR) base &= ~R_FD_WRITE;
        if (d->append) flags |= FDFLAG_APPEND;
        if (d->nonblock) flags |= FDFLAG_NONBLOCK;
        inh = base;
    }
    u8 st[24] = {0};
    st[0] = type;
    put16(st + 2, flags);
    put64(st + 8, base);
    put64(st + 16, inh);
    memcpy(out, st, 24);
    return 0;
}

EXPORT(fd_fdstat_set_flags) int wasi_fd_fdstat_set_flags(u32 fd, u32 flags) {
    if (flags > 0x1f) BAD_ARG();
    struct wfd *d = get_file(fd);
    if (!d) return E_BADF;
    if (flags & (FDFLAG_DSYNC | FDFLAG_SYNC | FDFLAG_RSYNC)) return E_INVAL;
    int append = (flags & FDFLAG_APPEND) != 0;
    if (append != d->append) {
        i64 fl = wali_fcntl(d->host, L_F_GETFL, 0);
        if (fl < 0) return err_fs(fl);
        fl = append ? fl | L_O_APPEND : fl & ~L_O_APPEND;
        /* the host offset takes over from a tracked position, or back */
        if (tracked(d)) {
            i64 r = wali_lseek(d->host, d->pos, 0);
            if (r < 0) return err_fs(r);
        }
        i64 r = wali_fcntl(d->host, L_F_SETFL, fl);
        if (r < 0) return err_fs(r);
        d->append = append;
        if (tracked(d)) {
            r = wali_lseek(d->host, 0, 1);
            if (r < 0) return err_fs(r);
            d->pos = r;
        }
    }
    /* Wasmtime only remembers NONBLOCK; its file I/O always blocks */
    d->nonblock = (flags & FDFLAG_NONBLOCK) != 0;
    return 0;
}

EXPORT(fd_fdstat_set_rights) int wasi_fd_fdstat_set_rights(u32 fd, u64 base, u64 inh) {
    if ((base | inh) & ~R_ALL) BAD_ARG();
    struct wfd *d = fd_get(fd);
    if (!d || (d->kind != K_FILE && d->kind != K_DIR)) return E_BADF;
    return E_NOTSUP;   /* Wasmtime no longer tracks rights */
}

EXPORT(fd_filestat_get) int wasi_fd_filestat_get(u32 fd, u8 *out) {
    struct wfd *d = fd_get(fd);
    if (!d) return E_BADF;
    if (d->kind == K_FILE || d->kind == K_DIR) return stat_fill(d->host, "", L_AT_EMPTY_PATH, out);
    memset(out, 0, 64);
    out[16] = d->tty ? FT_CHAR : FT_UNKNOWN;
    return 0;
}

EXPORT(fd_filestat_set_size) int wasi_fd_filestat_set_size(u32 fd, u64 size) {
    struct wfd *d = get_file(fd);
    if (!d) return E_BADF;
    if (d->ro) return E_PERM;
    if ((i64)size < 0) return E_INVAL;
    i64 r = wali_ftruncate(d->host, size);
    return r < 0 ? err_fs(r) : 0;
}

EXPORT(fd_filestat_set_times) int wasi_fd_filestat_set_times(u32 fd, u64 atim, u64 mtim, u32 fst) {
    i64 ts[4];
    int e = set_times_spec(atim, mtim, fst, ts);
    if (e) return e;
    struct wfd *d = fd_get(fd);
    if (!d || (d->kind != K_FILE && d->kind != K_DIR)) return E_BADF;
    if (d->ro) return E_PERM;
    i64 r = wali_utimensat(d->host, NULL, ts, 0);
    return r < 0 ? err_fs(r) : 0;
}

EXPORT(fd_advise) int wasi_fd_advise(u32 fd, u64 off, u64 len, u32 advice) {
    static const u8 linux_advice[6] = {0, 2, 1, 3, 4, 5};
    if (advice > 5) BAD_ARG();
    struct wfd *d = get_file(fd);
    if (!d) return E_BADF;
    i64 r = wali_fadvise(d->host, off, len, linux_advice[advice]);
    return r < 0 ? err_fs(r) : 0;
}

EXPORT(fd_allocate) int wasi_fd_allocate(u32 fd, u64 off, u64 len) {
    (void)off;
    (void)len;
    return get_file(fd) ? E_NOTSUP : E_BADF;   /* Wasmtime: not supported */
}

EXPORT(fd_datasync) int wasi_fd_datasync(u32 fd) {
    struct wfd *d = get_file(fd);
    if (!d) return E_BADF;
    i64 r = wali_fdatasync(d->host);
    return r < 0 ? err_fs(r) : 0;
}

EXPORT(fd_sync) int wasi_fd_sync(u32 fd) {
    struct wfd *d = get_file(fd);
    if (!d) return E_BADF;
    i64 r = wali_fsync(d->host);
    return r < 0 ? err_fs(r) : 0;
}
