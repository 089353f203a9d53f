/* Path resolution beneath a directory, as cap-std's manual resolver does: one
 * O_PATH descriptor per level, ".." pops a level, symlinks are read and their
 * targets spliced into the rest of the path. Leaving the base directory (by
 * "..", an absolute path or an absolute symlink target) is refused with PERM,
 * Wasmtime's errno for an escape attempt. The caller does the final operation
 * with the *at call on (r->dir, r->name), never following a last symlink. */
#include "layer.h"

#define MAX_DEPTH 128
#define MAX_LINKS 40

char path_buf[PATH_MAX_LEN], path_buf2[PATH_MAX_LEN];
static char rem[2 * PATH_MAX_LEN];      /* the path still to walk */
static char link_buf[PATH_MAX_LEN];
static char splice_buf[2 * PATH_MAX_LEN];
static int stack[MAX_DEPTH];
static char names[2][NAME_BUF];          /* two live results (rename, link) */
static int name_slot;

/* Copies a (ptr, len) guest path into out as a C string. Wasmtime reads
 * paths as UTF-8 strings (ILSEQ otherwise); an embedded NUL is INVAL. */
int path_copy(const char *p, u32 len, char *out) {
    if (len >= PATH_MAX_LEN) return E_NAMETOOLONG;
    for (u32 i = 0; i < len;) {
        u8 c = p[i];
        u32 n = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 0;
        if (!n || i + n > len || (n == 2 && c < 0xc2) || (n == 4 && c > 0xf4)) return E_ILSEQ;
        for (u32 k = 1; k < n; k++)
            if (((u8)p[i + k] & 0xc0) != 0x80) return E_ILSEQ;
        if (n == 3) {
            u8 d = p[i + 1];
            if ((c == 0xe0 && d < 0xa0) || (c == 0xed && d >= 0xa0)) return E_ILSEQ;
        }
        if (n == 4) {
            u8 d = p[i + 1];
            if ((c == 0xf0 && d < 0x90) || (c == 0xf4 && d >= 0x90)) return E_ILSEQ;
        }
        i += n;
    }
    for (u32 i = 0; i < len; i++)
        if (!p[i]) return E_INVAL;
    memcpy(out, p, len);
    out[len] = 0;
    return 0;
}

static void unwind(int depth) {
    for (int i = depth; i > 0; i--) wali_close(stack[i]);
}

/* Replaces rem by target followed by rest; absolute targets escape. */
static int splice(i64 n, const char *rest) {
    if (n >= PATH_MAX_LEN) return E_NAMETOOLONG;
    if (n == 0) return E_NOENT;
    if (link_buf[0] == '/') return E_PERM;
    u32 rl = strlen(rest);
    if (n + rl + 1 > (i64)sizeof splice_buf) return E_NAMETOOLONG;
    memcpy(splice_buf, link_buf, n);
    memcpy(splice_buf + n, rest, rl + 1);
    memcpy(rem, splice_buf, n + rl + 1);
    return 0;
}

static int finish(struct resolved *r, int depth, const char *comp, u32 len, int slash) {
    if (len + 2 > NAME_BUF) { unwind(depth); return E_NAMETOOLONG; }
    char *name = names[name_slot];
    name_slot ^= 1;
    memcpy(name, comp, len);
    if (slash) name[len++] = '/';   /* the kernel then requires a directory */
    name[len] = 0;
    unwind(depth - 1);              /* keep only the innermost level */
    r->dir = stack[depth];
    r->owned = depth > 0;
    r->name = name;
    return 0;
}

int path_resolve(int base, const char *path, int follow, struct resolved *r) {
    r->owned = 0;
    if (!path[0]) return E_NOENT;
    if (path[0] == '/') return E_PERM;
    /* fast path: one plain component, nothing to follow */
    if (!follow) {
        const char *s = path;
        while (*s && *s != '/') s++;
        if (!*s && !(path[0] == '.' && (!path[1] || (path[1] == '.' && !path[2])))) {
            u32 l = s - path;
            if (l + 1 > NAME_BUF) return E_NAMETOOLONG;
            char *name = names[name_slot];
            name_slot ^= 1;
            memcpy(name, path, l + 1);
            r->dir = base;
            r->name = name;
            return 0;
        }
    }
    u32 pl = strlen(path);
    memcpy(rem, path, pl + 1);
    int depth = 0, links = 0;
    stack[0] = base;
    u32 pos = 0;
    for (;;) {
        if (pos == 0 && rem[0] == '/') { unwind(depth); return E_PERM; }
        while (rem[pos] == '/') pos++;
        u32 start = pos;
        while (rem[pos] && rem[pos] != '/') pos++;
        u32 len = pos - start, after = pos;
        while (rem[after] == '/') after++;
        int last = !rem[after];
        int slash = last && after > pos;
        char *comp = rem + start;
        if (len == 0) {   /* only slashes left: the directory itself */
            return finish(r, depth, ".", 1, 0);
        }
        if (len == 1 && comp[0] == '.') {
            if (last) return finish(r, depth, ".", 1, 0);
            pos = after;
            continue;
        }
        if (len == 2 && comp[0] == '.' && comp[1] == '.') {
            if (depth == 0) return E_PERM;   /* would leave the base */
            wali_close(stack[depth--]);
            if (last) return finish(r, depth, ".", 1, 0);
            pos = after;
            continue;
        }
        if (len >= NAME_BUF - 1) { unwind(depth); return E_NAMETOOLONG; }
        char c = comp[len];
        comp[len] = 0;
        if (last && !follow && !slash) return finish(r, depth, comp, len, 0);
        if (last) {
            i64 n = wali_readlinkat(stack[depth], comp, link_buf, sizeof link_buf);
            if (n < 0) return finish(r, depth, comp, len, slash);   /* not a symlink, or absent */
            if (++links > MAX_LINKS) { unwind(depth); return E_LOOP; }
            int e = splice(n, slash ? "/" : "");
            if (e) { unwind(depth); return e; }
            pos = 0;
            continue;
        }
        i64 fd = wali_openat(stack[depth], comp, L_O_PATH | L_O_DIRECTORY | L_O_NOFOLLOW | L_O_CLOEXEC, 0);
        if (fd >= 0) {
            if (depth + 1 >= MAX_DEPTH) { wali_close(fd); unwind(depth); return E_NAMETOOLONG; }
            stack[++depth] = fd;
            comp[len] = c;
            pos = after;
            continue;
        }
        if (fd != -L_ENOTDIR && fd != -L_ELOOP) { unwind(depth); return err_fs(fd); }
        i64 n = wali_readlinkat(stack[depth], comp, link_buf, sizeof link_buf);
        if (n < 0) { unwind(depth); return E_NOTDIR; }
        if (++links > MAX_LINKS) { unwind(depth); return E_LOOP; }
        comp[len] = c;
        int e = splice(n, rem + pos);   /* rest keeps its leading '/' */
        if (e) { unwind(depth); return e; }
        pos = 0;
    }
}

void path_release(struct resolved *r) {
    if (r->owned) wali_close(r->dir);
    r->owned = 0;
}
