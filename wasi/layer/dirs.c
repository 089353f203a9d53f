/* fd_readdir with Wasmtime's cookies: entry i of the listing ".", "..", then
 * the directory's entries in getdents64 order has d_next = i + 1, and a call
 * with cookie c lists from entry c on. The directory is read from its start
 * on each call (as Wasmtime does), so cookies stay valid. The buffer is filled
 * completely, the last entry truncated, as the witx spec asks. */
#include "layer.h"

static u8 dents[16384];

struct out {
    u8 *buf;
    u32 cap, used;
};

/* Appends one entry; returns 1 when the buffer is full. */
static int emit(struct out *o, u64 next, u64 ino, u8 type, const char *name, u32 namlen) {
    u8 h[24] = {0};
    put64(h, next);
    put64(h + 8, ino);
    put32(h + 16, namlen);
    h[20] = type;
    u32 n = o->cap - o->used < 24 ? o->cap - o->used : 24;
    memcpy(o->buf + o->used, h, n);
    o->used += n;
    if (o->used == o->cap) return 1;
    n = o->cap - o->used < namlen ? o->cap - o->used : namlen;
    memcpy(o->buf + o->used, name, n);
    o->used += n;
    return o->used == o->cap;
}

static u8 dt_type(u8 dt) {
    switch (dt) {
    case 2: return FT_CHAR;
    case 4: return FT_DIR;
    case 6: return FT_BLOCK;
    case 8: return FT_REG;
    case 10: return FT_SYMLINK;
    default: return FT_UNKNOWN;   /* FIFO, socket: no p1 type in Wasmtime */
    }
}

static int utf8_ok(const char *s, u32 len) {
    static char scratch[NAME_BUF];
    return len < NAME_BUF && path_copy(s, len, scratch) != E_ILSEQ;
}

EXPORT(fd_readdir) int wasi_fd_readdir(u32 fd, u8 *buf, u32 len, u64 cookie, u32 *used) {
    struct wfd *d = fd_get(fd);
    if (!d || d->kind != K_DIR) return E_BADF;
    u64 self;
    int e = stat_hash(d->host, &self);
    if (e) return e;
    u8 tmp[64];
    struct out o = {buf, len, 0};
    if (len == 0) { *used = 0; return 0; }
    if (cookie == 0 && emit(&o, 1, self, FT_DIR, ".", 1)) goto done;
    if (cookie <= 1 && emit(&o, 2, self, FT_DIR, "..", 2)) goto done;
    i64 r = wali_lseek(d->host, 0, 0);
    if (r < 0) return err_fs(r);
    u64 idx = 2;
    for (;;) {
        i64 n = wali_getdents64(d->host, dents, sizeof dents);
        if (n == -L_EINTR) continue;
        if (n < 0) return err_fs(n);
        if (n == 0) break;
        for (i64 off = 0; off < n;) {
            u8 *ent = dents + off;
            off += ent[16] | (ent[17] << 8);
            const char *name = (const char *)ent + 19;
            u32 nl = strlen(name);
            if ((nl == 1 && name[0] == '.') || (nl == 2 && name[0] == '.' && name[1] == '.')) continue;
            u64 i = idx++;
            if (i < cookie) continue;
            if (!utf8_ok(name, nl)) return E_ILSEQ;
            /* Wasmtime stats each entry (lstat) for its type and identity
             * hash; getdents' d_type serves if the entry vanished since */
            u8 type = dt_type(ent[18]);
            u64 ino = 0;
            if (stat_fill(d->host, name, L_AT_SYMLINK_NOFOLLOW, tmp) == 0) {
                type = tmp[16];
                ino = get64(tmp + 8);
            }
            if (emit(&o, i + 1, ino, type, name, nl)) goto done;
        }
    }
done:
    *used = o.used;
    return 0;
}
