/* Shared declarations of the WASI preview-1 layer: witx constants, the
 * descriptor table, and helpers. Everything is hidden except the exports. */
#ifndef LAYER_H
#define LAYER_H

#include "wali.h"

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef long long i64;
typedef unsigned long size_t;

#define EXPORT(name) __attribute__((export_name(#name), visibility("default")))
#define NULL ((void *)0)
/* An argument outside its witx enum or flags: Wasmtime traps (wiggle
 * refuses to convert it), so the layer does too. */
#define BAD_ARG() __builtin_trap()

/* witx errno (preview-1 numbering) */
enum {
    E_SUCCESS = 0, E_2BIG = 1, E_ACCES = 2, E_AGAIN = 6, E_BADF = 8, E_EXIST = 20,
    E_FAULT = 21, E_ILSEQ = 25, E_INTR = 27, E_INVAL = 28, E_IO = 29, E_ISDIR = 31,
    E_LOOP = 32, E_NAMETOOLONG = 37, E_NOENT = 44, E_NOMEM = 48, E_NOSYS = 52,
    E_NOTDIR = 54, E_NOTSOCK = 57, E_NOTSUP = 58, E_OVERFLOW = 61, E_PERM = 63,
    E_RANGE = 68, E_SPIPE = 70,
};

/* witx filetype */
enum { FT_UNKNOWN, FT_BLOCK, FT_CHAR, FT_DIR, FT_REG, FT_SOCK_DGRAM, FT_SOCK_STREAM, FT_SYMLINK };

/* witx flags */
#define FDFLAG_APPEND 1
#define FDFLAG_DSYNC 2
#define FDFLAG_NONBLOCK 4
#define FDFLAG_RSYNC 8
#define FDFLAG_SYNC 16
#define OFLAG_CREAT 1
#define OFLAG_DIRECTORY 2
#define OFLAG_EXCL 4
#define OFLAG_TRUNC 8
#define LOOKUP_FOLLOW 1
#define FST_ATIM 1
#define FST_ATIM_NOW 2
#define FST_MTIM 4
#define FST_MTIM_NOW 8

#define R_FD_DATASYNC (1ull << 0)
#define R_FD_READ (1ull << 1)
#define R_FD_SEEK (1ull << 2)
#define R_FD_FDSTAT_SET_FLAGS (1ull << 3)
#define R_FD_SYNC (1ull << 4)
#define R_FD_TELL (1ull << 5)
#define R_FD_WRITE (1ull << 6)
#define R_FD_ADVISE (1ull << 7)
#define R_FD_ALLOCATE (1ull << 8)
#define R_PATH_CREATE_DIRECTORY (1ull << 9)
#define R_PATH_CREATE_FILE (1ull << 10)
#define R_PATH_LINK_SOURCE (1ull << 11)
#define R_PATH_LINK_TARGET (1ull << 12)
#define R_PATH_OPEN (1ull << 13)
#define R_FD_READDIR (1ull << 14)
#define R_PATH_READLINK (1ull << 15)
#define R_PATH_RENAME_SOURCE (1ull << 16)
#define R_PATH_RENAME_TARGET (1ull << 17)
#define R_PATH_FILESTAT_GET (1ull << 18)
#define R_PATH_FILESTAT_SET_SIZE (1ull << 19)
#define R_PATH_FILESTAT_SET_TIMES (1ull << 20)
#define R_FD_FILESTAT_GET (1ull << 21)
#define R_FD_FILESTAT_SET_SIZE (1ull << 22)
#define R_FD_FILESTAT_SET_TIMES (1ull << 23)
#define R_PATH_SYMLINK (1ull << 24)
#define R_PATH_REMOVE_DIRECTORY (1ull << 25)
#define R_PATH_UNLINK_FILE (1ull << 26)
#define R_POLL_FD_READWRITE (1ull << 27)
#define R_SOCK_SHUTDOWN (1ull << 28)
#define R_SOCK_ACCEPT (1ull << 29)
#define R_ALL ((1ull << 30) - 1)

/* Linux constants (x86_64 numbering, which WALI uses) */
#define L_O_RDONLY 0
#define L_O_WRONLY 1
#define L_O_RDWR 2
#define L_O_CREAT 0100
#define L_O_EXCL 0200
#define L_O_NOCTTY 0400
#define L_O_TRUNC 01000
#define L_O_APPEND 02000
#define L_O_NONBLOCK 04000
#define L_O_DIRECTORY 0200000
#define L_O_NOFOLLOW 0400000
#define L_O_CLOEXEC 02000000
#define L_O_PATH 010000000
#define L_AT_FDCWD (-100)
#define L_AT_SYMLINK_NOFOLLOW 0x100
#define L_AT_REMOVEDIR 0x200
#define L_AT_EMPTY_PATH 0x1000
#define L_F_GETFL 3
#define L_F_SETFL 4
#define L_S_IFMT 0170000
#define L_S_IFSOCK 0140000
#define L_S_IFLNK 0120000
#define L_S_IFREG 0100000
#define L_S_IFBLK 060000
#define L_S_IFDIR 040000
#define L_S_IFCHR 020000
#define L_S_IFIFO 010000

/* Linux errno values the layer tests for */
#define L_ENOENT 2
#define L_EINTR 4
#define L_EAGAIN 11
#define L_EEXIST 17
#define L_ENOTDIR 20
#define L_EINVAL 22
#define L_EPIPE 32
#define L_ELOOP 40

/* Descriptor kinds, as Wasmtime distinguishes them. */
enum { K_FREE = 0, K_STDIN, K_STDOUT, K_STDERR, K_FILE, K_DIR };

/* The table's size: Wasmtime's own has no fixed limit (the host's limit on
 * open files is the one a program meets), so this is as large as the
 * layer's window leaves room for (20 bytes an entry). */
#define MAX_FDS 16384

struct wfd {
    int host;          /* host descriptor */
    u8 kind;           /* K_* */
    u8 ro;             /* under a read-only preopen: no mutation */
    u8 rd, wr;         /* open mode (Wasmtime's OpenMode) */
    u8 append;         /* FDFLAG_APPEND remembered (the host fd has O_APPEND too) */
    u8 nonblock;       /* FDFLAG_NONBLOCK remembered (ignored for I/O, as Wasmtime) */
    u8 tty;            /* stdio: is a terminal */
    u8 regular;        /* a regular file */
    u64 pos;           /* the position while `tracked` */
    u8 freed;          /* in Wasmtime's free set (numbers reused highest first) */
    const char *name;  /* preopen guest name, or NULL */
    u32 namelen;
};

extern struct wfd fds[MAX_FDS];

/* fdtable.c */
struct wfd *fd_get(u32 fd);                 /* any used descriptor, or NULL */
int fd_push(const struct wfd *d);           /* new number, or -1 when full */
int fd_room(void);                          /* fd_push would succeed */

/* errno.c: Linux -errno (negative return) to witx errno */
int err_fs(i64 r);     /* as Wasmtime's filesystem error conversion (unknown -> IO) */
int err_net(i64 r);    /* complete table */

/* mem.c */
void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);

/* files.c */
int stat_fill(int dirfd, const char *path, int flags, u8 *out);   /* witx filestat */
u64 ident_hash(u64 dev, u64 ino);
int stat_hash(int fd, u64 *out);
int stat_type(int fd, u8 *type);
int set_times_spec(u64 atim, u64 mtim, u32 fst, i64 ts[4]);

/* path.c: resolution beneath a directory */
#define NAME_BUF 512
struct resolved {
    int dir;           /* host fd of the directory holding the last component */
    int owned;         /* dir is ours to close (path_release) */
    char *name;        /* last component (may be "." or end in '/') */
};
int path_copy(const char *p, u32 len, char *out);   /* witx errno; out holds a C string */
int path_resolve(int base, const char *path, int follow, struct resolved *r);
void path_release(struct resolved *r);
extern char path_buf[], path_buf2[];
#define PATH_MAX_LEN 4096

/* clock.c */
int clock_now(u32 id, u64 *out);

static inline void put64(u8 *p, u64 v) { memcpy(p, &v, 8); }
static inline void put32(u8 *p, u32 v) { memcpy(p, &v, 4); }
static inline void put16(u8 *p, u16 v) { memcpy(p, &v, 2); }
static inline u64 get64(const u8 *p) { u64 v; memcpy(&v, p, 8); return v; }
static inline u32 get32(const u8 *p) { u32 v; memcpy(&v, p, 4); return v; }

#endif
