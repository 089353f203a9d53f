/* sock_*: Wasmtime's p1 has no socket descriptors and answers NOTSOCK for any
 * open one. Here the call goes to the host descriptor, which answers NOTSOCK
 * the same way unless it is a socket (only possible for inherited standard
 * streams), in which case the operation is done. */
#include "layer.h"

EXPORT(sock_accept) int wasi_sock_accept(u32 fd, u32 flags, u32 *out) {
    if (flags > 0x1f) BAD_ARG();
    struct wfd *d = fd_get(fd);
    if (!d) return E_BADF;
    if (d->kind == K_DIR) return E_NOTSOCK;
    i64 h = wali_accept4(d->host, NULL, NULL, L_O_CLOEXEC | ((flags & FDFLAG_NONBLOCK) ? L_O_NONBLOCK : 0));
    if (h < 0) return err_net(h);
    struct wfd n = {0};
    n.host = h;
    n.kind = K_FILE;
    n.rd = n.wr = 1;
    n.nonblock = (flags & FDFLAG_NONBLOCK) != 0;
    int w = fd_push(&n);
    if (w < 0) { wali_close(h); return 33; /* MFILE */ }
    *out = w;
    return 0;
}

/* struct msghdr as WALI lays it out (layouts.txt, 36 bytes) */
static void msghdr(u8 *m, const void *iovs, u32 n) {
    memset(m, 0, 36);
    put32(m + 8, (u32)iovs);
    put32(m + 12, n);
}

EXPORT(sock_recv) int wasi_sock_recv(u32 fd, const u32 *iovs, u32 n, u32 riflags, u32 *len, u16 *roflags) {
    if (riflags > 3) BAD_ARG();
    struct wfd *d = fd_get(fd);
    if (!d) return E_BADF;
    if (d->kind == K_DIR) return E_NOTSOCK;
    u8 m[36];
    msghdr(m, iovs, n);
    int fl = ((riflags & 1) ? 2 /* MSG_PEEK */ : 0) | ((riflags & 2) ? 0x100 /* MSG_WAITALL */ : 0);
    i64 r = wali_recvmsg(d->host, m, fl);
    if (r < 0) return err_net(r);
    *len = r;
    *roflags = (get32(m + 32) & 0x20 /* MSG_TRUNC */) ? 1 : 0;
    return 0;
}

EXPORT(sock_send) int wasi_sock_send(u32 fd, const u32 *iovs, u32 n, u32 siflags, u32 *len) {
    if (siflags) BAD_ARG();   /* witx siflags has no flags */
    struct wfd *d = fd_get(fd);
    if (!d) return E_BADF;
    if (d->kind == K_DIR) return E_NOTSOCK;
    u8 m[36];
    msghdr(m, iovs, n);
    i64 r = wali_sendmsg(d->host, m, 0x4000 /* MSG_NOSIGNAL */);
    if (r < 0) return err_net(r);
    *len = r;
    return 0;
}

EXPORT(sock_shutdown) int wasi_sock_shutdown(u32 fd, u32 how) {
    if (how > 3) BAD_ARG();
    struct wfd *d = fd_get(fd);
    if (!d) return E_BADF;
    if (d->kind == K_DIR) return E_NOTSOCK;
    /* witx RD=1, WR=2 -> SHUT_RD=0, SHUT_WR=1, SHUT_RDWR=2; for 0 the
     * kernel says NOTSOCK or INVAL, as appropriate */
    i64 r = wali_shutdown(d->host, (int)how - 1);
    return r < 0 ? err_net(r) : 0;
}
