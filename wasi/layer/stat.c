/* filestat from statx, as Wasmtime builds it: dev is always 1, ino is the
 * 64-bit SipHash-1-3 (zero key, Rust's DefaultHasher) of (st_dev, st_ino),
 * ctim is the birth time (Rust's Metadata::created), 0 where unknown. */
#include "layer.h"

#define STATX_BASIC_STATS 0x7ff
#define STATX_BTIME 0x800

static u8 stx[256];

static inline u64 rotl(u64 x, int b) { return (x << b) | (x >> (64 - b)); }

#define SIPROUND                                                          \
    do {                                                                  \
        v0 += v1; v1 = rotl(v1, 13); v1 ^= v0; v0 = rotl(v0, 32);         \
        v2 += v3; v3 = rotl(v3, 16); v3 ^= v2;                            \
        v0 += v3; v3 = rotl(v3, 21); v3 ^= v0;                            \
        v2 += v1; v1 = rotl(v1, 17); v1 ^= v2; v2 = rotl(v2, 32);         \
    } while (0)

u64 ident_hash(u64 dev, u64 ino) {
    u64 v0 = 0x736f6d6570736575ull, v1 = 0x646f72616e646f6dull;
    u64 v2 = 0x6c7967656e657261ull, v3 = 0x7465646279746573ull;
    u64 m[3] = {dev, ino, 16ull << 56};   /* two words, then the length block */
    for (int i = 0; i < 3; i++) {
        v3 ^= m[i];
        SIPROUND;
        v0 ^= m[i];
    }
    v2 ^= 0xff;
    SIPROUND; SIPROUND; SIPROUND;
    return v0 ^ v1 ^ v2 ^ v3;
}

/* Wasmtime: FIFOs and sockets have no p1 file type of their own here. */
static u8 mode_type(u32 mode) {
    switch (mode & L_S_IFMT) {
    case L_S_IFDIR: return FT_DIR;
    case L_S_IFREG: return FT_REG;
    case L_S_IFLNK: return FT_SYMLINK;
    case L_S_IFBLK: return FT_BLOCK;
    case L_S_IFCHR: return FT_CHAR;
    default: return FT_UNKNOWN;
    }
}


static u64 stx_time(const u8 *p) {
    return (u64)get64(p) * 1000000000ull + get32(p + 8);
}

/* glibc/rustix makedev of statx's major/minor: what Rust reports as st_dev */
static u64 stx_dev(void) {
    u64 ma = get32(stx + 136), mi = get32(stx + 140);
    return ((ma & 0xfffff000ull) << 32) | ((ma & 0xfffull) << 8) | ((mi & 0xffffff00ull) << 12) | (mi & 0xffull);
}

/* Fills the 64-byte witx filestat at out. */
int stat_fill(int dirfd, const char *path, int flags, u8 *out) {
    i64 r = wali_statx(dirfd, path, flags, STATX_BASIC_STATS | STATX_BTIME, stx);
    if (r < 0) return err_fs(r);
    u32 mask = get32(stx);
    u8 st[64] = {0};
    put64(st + 0, 1);
    put64(st + 8, ident_hash(stx_dev(), get64(stx + 32)));
    st[16] = mode_type(stx[28] | (stx[29] << 8));
    put64(st + 24, get32(stx + 16));
    put64(st + 32, get64(stx + 40));
    put64(st + 40, stx_time(stx + 64));
    put64(st + 48, stx_time(stx + 112));
    put64(st + 56, (mask & STATX_BTIME) ? stx_time(stx + 80) : 0);
    memcpy(out, st, 64);
    return 0;
}

/* Only the identity hash (for fd_readdir's "." and ".."). */
int stat_hash(int fd, u64 *out) {
    i64 r = wali_statx(fd, "", L_AT_EMPTY_PATH, STATX_BASIC_STATS, stx);
    if (r < 0) return err_fs(r);
    *out = ident_hash(stx_dev(), get64(stx + 32));
    return 0;
}

/* The file type of an open descriptor. */
int stat_type(int fd, u8 *type) {
    i64 r = wali_statx(fd, "", L_AT_EMPTY_PATH, 0x1 /* STATX_TYPE */, stx);
    if (r < 0) return err_fs(r);
    *type = mode_type(stx[28] | (stx[29] << 8));
    return 0;
}

/* witx timestamps and fstflags -> struct timespec[2] for utimensat. */
#define UTIME_NOW ((1l << 30) - 1l)
#define UTIME_OMIT ((1l << 30) - 2l)

int set_times_spec(u64 atim, u64 mtim, u32 fst, i64 ts[4]) {
    if (fst > 0xf) BAD_ARG();
    if ((fst & FST_ATIM) && (fst & FST_ATIM_NOW)) return E_INVAL;
    if ((fst & FST_MTIM) && (fst & FST_MTIM_NOW)) return E_INVAL;
    u64 t[2] = {atim, mtim};
    for (int i = 0; i < 2; i++) {
        u32 set = fst >> (2 * i) & 1, now = fst >> (2 * i) & 2;
        if (set) {
            ts[2 * i] = t[i] / 1000000000ull;
            ts[2 * i + 1] = t[i] % 1000000000ull;
        } else {
            ts[2 * i] = 0;
            ts[2 * i + 1] = now ? UTIME_NOW : UTIME_OMIT;
        }
    }
    return 0;
}
