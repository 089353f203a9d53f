/* The WASI descriptor table: WASI numbers are the layer's own, each entry
 * holding a host descriptor. Numbers are handed out as Wasmtime's p1 adapter
 * does: the highest number in the free set first, else one past the highest
 * number in use. */
#include "layer.h"

struct wfd fds[MAX_FDS];
static int top;      /* one past the highest number ever handed out */
static u32 nfreed;   /* entries in the free set */

struct wfd *fd_get(u32 fd) {
    if (fd >= MAX_FDS || fds[fd].kind == K_FREE) return NULL;
    return &fds[fd];
}

/* The number fd_push would hand out, or -1 when the table is full. Only
 * numbers below top can be in use or freed, so the scans stop there. */
static int next_fd(void) {
    if (nfreed)
        for (int i = top - 1; i >= 0; i--)
            if (fds[i].freed) return i;
    for (int i = top - 1; i >= 0; i--)
        if (fds[i].kind != K_FREE) return i + 1 < MAX_FDS ? i + 1 : -1;
    return 0;
}

int fd_room(void) { return next_fd() >= 0; }

int fd_push(const struct wfd *d) {
    int n = next_fd();
    if (n < 0) return -1;
    if (fds[n].freed) nfreed--;
    fds[n] = *d;
    fds[n].freed = 0;
    if (n >= top) top = n + 1;
    return n;
}

/* Drops entry fd (which is in use); stdio's host descriptors stay open, as
 * Wasmtime only drops its stream handles. */
static void drop_entry(u32 fd) {
    struct wfd *d = &fds[fd];
    if (d->kind == K_FILE || d->kind == K_DIR) wali_close(d->host);
    memset(d, 0, sizeof *d);
    d->freed = 1;
    nfreed++;
}

EXPORT(fd_close) int wasi_fd_close(u32 fd) {
    if (!fd_get(fd)) return E_BADF;
    drop_entry(fd);
    return 0;
}

EXPORT(fd_renumber) int wasi_fd_renumber(u32 from, u32 to) {
    if (!fd_get(from) || !fd_get(to)) return E_BADF;
    if (from == to) return 0;
    drop_entry(to);
    fds[to] = fds[from];
    fds[to].freed = 0;   /* drop_entry freed it: from is freed instead */
    memset(&fds[from], 0, sizeof fds[from]);
    fds[from].freed = 1;
    return 0;
}

EXPORT(fd_prestat_get) int wasi_fd_prestat_get(u32 fd, u8 *out) {
    struct wfd *d = fd_get(fd);
    if (!d || d->kind != K_DIR || !d->name) return E_BADF;
    memset(out, 0, 8);
    put32(out + 4, d->namelen);
    return 0;
}

EXPORT(fd_prestat_dir_name) int wasi_fd_prestat_dir_name(u32 fd, char *buf, u32 len) {
    struct wfd *d = fd_get(fd);
    if (!d) return E_BADF;
    if (d->kind != K_DIR || !d->name) return E_NOTDIR;
    if (d->namelen > len) return E_NAMETOOLONG;
    memcpy(buf, d->name, d->namelen);
    return 0;
}
