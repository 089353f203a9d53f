/* path_* operations: resolve beneath the directory descriptor (path.c), then
 * one *at call on the last component. Checks come in Wasmtime's order:
 * argument flags, descriptors (BADF), path strings (ILSEQ), the read-only
 * grant (PERM), then the host call. */
#include "layer.h"

static struct wfd *get_dir(u32 fd) {
    struct wfd *d = fd_get(fd);
    return d && d->kind == K_DIR ? d : NULL;
}

/* What every path_* call that changes one name does first, in Wasmtime's
 * order (descriptor, path string, read-only grant), then the resolution of
 * path beneath fd; the caller makes the *at call on r and releases it. */
static int beneath_to_change(u32 fd, const char *path, u32 len, struct resolved *r) {
    struct wfd *dir = get_dir(fd);
    if (!dir) return E_BADF;
    int e = path_copy(path, len, path_buf);
    if (e) return e;
    if (dir->ro) return E_PERM;
    return path_resolve(dir->host, path_buf, 0, r);
}

EXPORT(path_open) int wasi_path_open(u32 dirfd, u32 dirflags, const char *path, u32 len, u32 oflags,
                                     u64 rights, u64 rights_inh, u32 fdflags, u32 *out) {
    if (dirflags > 1 || oflags > 0xf || fdflags > 0x1f || ((rights | rights_inh) & ~R_ALL)) BAD_ARG();
    int e = path_copy(path, len, path_buf);
    if (e) return e;
    struct wfd *dir = fd_get(dirfd);
    if (dir && dir->kind == K_FILE) return E_NOTDIR;
    if (!dir || dir->kind != K_DIR) return E_BADF;

    /* open mode as Wasmtime derives it from rights and oflags */
    int rd = (rights & R_FD_READ) != 0, wr = (rights & R_FD_WRITE) != 0;
    int create = (oflags & OFLAG_CREAT) != 0;
    if (create || (oflags & OFLAG_TRUNC)) wr = 1;
    if (!(rights & R_FD_WRITE)) rd = 1;
    if (fdflags & (FDFLAG_DSYNC | FDFLAG_RSYNC | FDFLAG_SYNC)) return E_NOTSUP;
    if ((oflags & OFLAG_DIRECTORY) && (oflags & (OFLAG_CREAT | OFLAG_EXCL | OFLAG_TRUNC))) return E_INVAL;
    if (dir->ro && (create || wr)) return E_PERM;

    int fl = L_O_CLOEXEC | L_O_NOFOLLOW | (rd && wr ? L_O_RDWR : wr ? L_O_WRONLY : L_O_RDONLY);
    if (create) fl |= L_O_CREAT | ((oflags & OFLAG_EXCL) ? L_O_EXCL : 0);
    if (oflags & OFLAG_TRUNC) fl |= L_O_TRUNC;
    if (fdflags & FDFLAG_APPEND) fl |= L_O_APPEND;

    /* a full table refuses before anything is created */
    if (!fd_room()) return 33; /* MFILE */
    struct resolved r;
    e = path_resolve(dir->host, path_buf, 0, &r);
    if (e) return e;
    i64 h = wali_openat(r.dir, r.name, fl, 0666);
    path_release(&r);
    if (h == -L_ELOOP && (dirflags & LOOKUP_FOLLOW)) {
        /* the last component is a symlink: follow it beneath the directory */
        e = path_resolve(dir->host, path_buf, 1, &r);
        if (e) return e;
        h = wali_openat(r.dir, r.name, fl, 0666);
        path_release(&r);
    }
    if (h < 0) return err_fs(h);
    u8 type;
    e = stat_type(h, &type);
    if (!e && type != FT_DIR && (oflags & OFLAG_DIRECTORY)) e = E_NOTDIR;
    struct wfd d = {0};
    d.host = h;
    d.kind = type == FT_DIR ? K_DIR : K_FILE;
    d.ro = dir->ro;
    d.rd = rd;
    d.wr = wr;
    d.append = (fdflags & FDFLAG_APPEND) != 0;
    d.nonblock = (fdflags & FDFLAG_NONBLOCK) != 0;
    d.regular = type == FT_REG;
    int n = e ? -1 : fd_push(&d);
    if (n < 0) {
        wali_close(h);
        return e ? e : 33; /* MFILE */
    }
    *out = n;
    return 0;
}

EXPORT(path_create_directory) int wasi_path_create_directory(u32 fd, const char *path, u32 len) {
    struct resolved r;
    int e = beneath_to_change(fd, path, len, &r);
    if (e) return e;
    i64 x = wali_mkdirat(r.dir, r.name, 0777);
    path_release(&r);
    return x < 0 ? err_fs(x) : 0;
}

EXPORT(path_filestat_get) int wasi_path_filestat_get(u32 fd, u32 flags, const char *path, u32 len, u8 *out) {
    if (flags > 1) BAD_ARG();
    struct wfd *dir = get_dir(fd);
    if (!dir) return E_BADF;
    int e = path_copy(path, len, path_buf);
    if (e) return e;
    struct resolved r;
    u32 l = strlen(path_buf);
    if ((flags & LOOKUP_FOLLOW) && l > 1 && path_buf[l - 1] == '/') {
        /* Following, Wasmtime keeps the kernel's rule: "file/" is NOTDIR */
        e = path_resolve(dir->host, path_buf, 1, &r);
        if (e) return e;
        e = stat_fill(r.dir, r.name, L_AT_SYMLINK_NOFOLLOW, out);
        path_release(&r);
        return e;
    }
    /* Not following, it ignores trailing slashes ("file/" is the file) */
    for (; l > 1 && path_buf[l - 1] == '/'; l--) path_buf[l - 1] = 0;
    e = path_resolve(dir->host, path_buf, 0, &r);
    if (e) return e;
    e = stat_fill(r.dir, r.name, L_AT_SYMLINK_NOFOLLOW, out);
    path_release(&r);
    if (!e && out[16] == FT_SYMLINK && (flags & LOOKUP_FOLLOW)) {
        e = path_resolve(dir->host, path_buf, 1, &r);
        if (e) return e;
        e = stat_fill(r.dir, r.name, L_AT_SYMLINK_NOFOLLOW, out);
        path_release(&r);
    }
    return e;
}

EXPORT(path_filestat_set_times) int wasi_path_filestat_set_times(u32 fd, u32 flags, const char *path, u32 len,
                                                                 u64 atim, u64 mtim, u32 fst) {
    if (flags > 1) BAD_ARG();
    i64 ts[4];
    int e = set_times_spec(atim, mtim, fst, ts);
    if (e) return e;
    struct wfd *dir = get_dir(fd);
    if (!dir) return E_BADF;
    e = path_copy(path, len, path_buf);
    if (e) return e;
    if (dir->ro) return E_PERM;
    struct resolved r;
    e = path_resolve(dir->host, path_buf, flags & LOOKUP_FOLLOW, &r);
    if (e) return e;
    i64 x = wali_utimensat(r.dir, r.name, ts, L_AT_SYMLINK_NOFOLLOW);
    path_release(&r);
    return x < 0 ? err_fs(x) : 0;
}

/* Two directories and two paths (path_link, path_rename). */
static int two_paths(u32 fd1, const char *p1, u32 l1, u32 fd2, const char *p2, u32 l2,
                     struct wfd **d1, struct wfd **d2) {
    *d1 = get_dir(fd1);
    *d2 = get_dir(fd2);
    if (!*d1 || !*d2) return E_BADF;
    int e = path_copy(p1, l1, path_buf);
    if (!e) e = path_copy(p2, l2, path_buf2);
    return e;
}

static int two_resolve(struct wfd *d1, struct wfd *d2, struct resolved *r1, struct resolved *r2) {
    int e = path_resolve(d1->host, path_buf, 0, r1);
    if (e) return e;
    e = path_resolve(d2->host, path_buf2, 0, r2);
    if (e) path_release(r1);
    return e;
}

EXPORT(path_link) int wasi_path_link(u32 fd1, u32 flags, const char *p1, u32 l1, u32 fd2, const char *p2, u32 l2) {
    if (flags > 1) BAD_ARG();
    struct wfd *d1, *d2;
    int e = two_paths(fd1, p1, l1, fd2, p2, l2, &d1, &d2);
    if (e) return e;
    if (d1->ro || d2->ro) return E_PERM;
    if (flags & LOOKUP_FOLLOW) return E_INVAL;
    struct resolved r1, r2;
    e = two_resolve(d1, d2, &r1, &r2);
    if (e) return e;
    i64 x = wali_linkat(r1.dir, r1.name, r2.dir, r2.name, 0);
    path_release(&r1);
    path_release(&r2);
    return x < 0 ? err_fs(x) : 0;
}

EXPORT(path_rename) int wasi_path_rename(u32 fd1, const char *p1, u32 l1, u32 fd2, const char *p2, u32 l2) {
    struct wfd *d1, *d2;
    int e = two_paths(fd1, p1, l1, fd2, p2, l2, &d1, &d2);
    if (e) return e;
    if (d1->ro || d2->ro) return E_PERM;
    struct resolved r1, r2;
    e = two_resolve(d1, d2, &r1, &r2);
    if (e) return e;
    i64 x = wali_renameat2(r1.dir, r1.name, r2.dir, r2.name, 0);
    path_release(&r1);
    path_release(&r2);
    return x < 0 ? err_fs(x) : 0;
}

EXPORT(path_readlink) int wasi_path_readlink(u32 fd, const char *path, u32 len, u8 *buf, u32 buflen, u32 *n) {
    struct wfd *dir = get_dir(fd);
    if (!dir) return E_BADF;
    int e = path_copy(path, len, path_buf);
    if (e) return e;
    struct resolved r;
    e = path_resolve(dir->host, path_buf, 0, &r);
    if (e) return e;
    i64 x = wali_readlinkat(r.dir, r.name, path_buf2, PATH_MAX_LEN);
    path_release(&r);
    if (x < 0) return err_fs(x);
    if (x >= PATH_MAX_LEN) return E_NAMETOOLONG;
    e = path_copy(path_buf2, x, path_buf2);   /* the target must be UTF-8 */
    if (e == E_ILSEQ) return e;
    if (x > buflen) x = buflen;
    memcpy(buf, path_buf2, x);
    *n = x;
    return 0;
}

EXPORT(path_remove_directory) int wasi_path_remove_directory(u32 fd, const char *path, u32 len) {
    struct resolved r;
    int e = beneath_to_change(fd, path, len, &r);
    if (e) return e;
    i64 x = wali_unlinkat(r.dir, r.name, L_AT_REMOVEDIR);
    path_release(&r);
    return x < 0 ? err_fs(x) : 0;
}

EXPORT(path_unlink_file) int wasi_path_unlink_file(u32 fd, const char *path, u32 len) {
    struct resolved r;
    int e = beneath_to_change(fd, path, len, &r);
    if (e) return e;
    i64 x = wali_unlinkat(r.dir, r.name, 0);
    path_release(&r);
    return x < 0 ? err_fs(x) : 0;
}

EXPORT(path_symlink) int wasi_path_symlink(const char *old, u32 oldlen, u32 fd, const char *path, u32 len) {
    struct wfd *dir = get_dir(fd);
    if (!dir) return E_BADF;
    int e = path_copy(old, oldlen, path_buf2);
    if (!e) e = path_copy(path, len, path_buf);
    if (e) return e;
    if (dir->ro) return E_PERM;
    if (path_buf2[0] == '/') return E_PERM;   /* cap-std refuses absolute targets */
    struct resolved r;
    e = path_resolve(dir->host, path_buf, 0, &r);
    if (e) return e;
    i64 x = wali_symlinkat(path_buf2, r.dir, r.name);
    u32 l = strlen(r.name);
    if (x == -L_EEXIST && l > 1 && r.name[l - 1] == '/') {
        /* "file/": the kernel says EXIST; Wasmtime, as POSIX, NOTDIR */
        u8 st[64];
        r.name[l - 1] = 0;
        if (stat_fill(r.dir, r.name, L_AT_SYMLINK_NOFOLLOW, st) == 0 && st[16] != FT_DIR) x = -L_ENOTDIR;
    }
    path_release(&r);
    return x < 0 ? err_fs(x) : 0;
}
