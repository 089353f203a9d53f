// Per-call cost of WASI preview-1 calls, made raw through <wasi/api.h> (no
// libc wrappers in the timed loops). Built for wasm32-wasi by bench/wasi-layer
// and run by `wali run` (the WASI layer) and by bench/wasi-run (Wasmtime's
// WASI), each with a scratch directory preopened as /d:
//   wali run --dir D::/d wasi_calls.wasm [NAME...]
//   wasi-run --isolated --dir D::/d wasi_calls.wasm [NAME...]
// Prints "name ns" per call (all, or those named): the median of ROUNDS timed
// loops, each of enough iterations to take about LOOP_NS (calibrated per
// call). With -n N it times nothing and prints nothing: it makes each call N
// times between two path_filestat_get calls of the name "-mark-", so that
// `wali run --strace` shows which WALI calls the layer makes for one call,
// and prints the names of the calls made, in order.
// The program makes its files in /d itself: f (small), a/b/c (small), big
// (read sequentially), w (written to); fd 2 is expected to go to /dev/null.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

#define ROUNDS 7
#define LOOP_NS 20000000ull     // about 20 ms per timed loop
#define BIG (32u << 20)         // bytes of big: the most 1-byte reads of one loop

static __wasi_fd_t dir = (__wasi_fd_t)-1, fd_big, fd_w, fd_f;

static void die(const char *what, __wasi_errno_t e) {
    // to stdout: the runner sends fd 2 to /dev/null
    printf("wasi_calls: %s: errno %u\n", what, e);
    exit(1);
}
#define CHECK(what, call) do { __wasi_errno_t e_ = (call); if (e_) die(what, e_); } while (0)

static uint64_t now(void) {
    __wasi_timestamp_t t;
    CHECK("clock_time_get", __wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &t));
    return t;
}

static const __wasi_rights_t ALL = (1ull << 30) - 1;  // every right preview 1 defines

static __wasi_fd_t open_at(const char *path, __wasi_oflags_t o, __wasi_fdflags_t f) {
    __wasi_fd_t fd;
    CHECK(path, __wasi_path_open(dir, 0, path, o, ALL, ALL, f, &fd));
    return fd;
}

static void write_all(__wasi_fd_t fd, const void *p, size_t n) {
    while (n) {
        __wasi_ciovec_t v = {p, n};
        __wasi_size_t w;
        CHECK("fd_write", __wasi_fd_write(fd, &v, 1, &w));
        p = (const char *)p + w, n -= w;
    }
}

static void setup(void) {
    // the preopen named /d
    for (__wasi_fd_t fd = 3; fd < 64; fd++) {
        __wasi_prestat_t ps;
        char name[16];
        if (__wasi_fd_prestat_get(fd, &ps) || ps.tag != __WASI_PREOPENTYPE_DIR) continue;
        if (ps.u.dir.pr_name_len != 2 || __wasi_fd_prestat_dir_name(fd, (uint8_t *)name, 2)) continue;
        if (!memcmp(name, "/d", 2)) { dir = fd; break; }
    }
    if (dir == (__wasi_fd_t)-1) die("no preopen /d", 0);
    (void)__wasi_path_create_directory(dir, "a");
    (void)__wasi_path_create_directory(dir, "a/b");
    static char chunk[1 << 16];
    for (size_t i = 0; i < sizeof chunk; i++) chunk[i] = (char)i;
    const char *smalls[] = {"f", "a/b/c"};
    for (int i = 0; i < 2; i++) {
        __wasi_fd_t fd = open_at(smalls[i], __WASI_OFLAGS_CREAT | __WASI_OFLAGS_TRUNC, 0);
        write_all(fd, chunk, 100);
        CHECK("fd_close", __wasi_fd_close(fd));
    }
    // big: written once, kept while its size is right
    __wasi_filestat_t st;
    if (__wasi_path_filestat_get(dir, 0, "big", &st) || st.size != BIG) {
        __wasi_fd_t fd = open_at("big", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_TRUNC, 0);
        for (unsigned n = 0; n < BIG; n += sizeof chunk) write_all(fd, chunk, sizeof chunk);
        CHECK("fd_close", __wasi_fd_close(fd));
    }
    fd_big = open_at("big", 0, 0);
    fd_w = open_at("w", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_TRUNC, 0);
    fd_f = open_at("f", 0, 0);
}

// ---------------------------------------------------------------- the calls
// Each runs its call n times; a failing call stops the program.
static uint8_t byte = 'x';

static void b_fd_write_file(uint64_t n) {
    __wasi_ciovec_t v = {&byte, 1};
    __wasi_size_t w;
    for (uint64_t i = 0; i < n; i++) CHECK("fd_write", __wasi_fd_write(fd_w, &v, 1, &w));
}
static void b_fd_write_devnull(uint64_t n) {  // fd 2, which the runner sends to /dev/null
    __wasi_ciovec_t v = {&byte, 1};
    __wasi_size_t w;
    for (uint64_t i = 0; i < n; i++) CHECK("fd_write 2", __wasi_fd_write(2, &v, 1, &w));
}
static void rewind_big(void) {
    __wasi_filesize_t pos;
    CHECK("fd_seek", __wasi_fd_seek(fd_big, 0, __WASI_WHENCE_SET, &pos));
}
static void b_fd_read_file(uint64_t n) {
    __wasi_iovec_t v = {&byte, 1};
    __wasi_size_t r;
    for (uint64_t i = 0; i < n; i++) {
        CHECK("fd_read", __wasi_fd_read(fd_big, &v, 1, &r));
        if (r != 1) die("fd_read: end of big", 0);
    }
}
static void b_fd_seek(uint64_t n) {
    __wasi_filesize_t pos;
    for (uint64_t i = 0; i < n; i++) CHECK("fd_seek", __wasi_fd_seek(fd_f, (__wasi_filedelta_t)(i & 63), __WASI_WHENCE_SET, &pos));
}
static void b_fd_tell(uint64_t n) {
    __wasi_filesize_t pos;
    for (uint64_t i = 0; i < n; i++) CHECK("fd_tell", __wasi_fd_tell(fd_f, &pos));
}
static void b_fd_fdstat_get(uint64_t n) {
    __wasi_fdstat_t st;
    for (uint64_t i = 0; i < n; i++) CHECK("fd_fdstat_get", __wasi_fd_fdstat_get(fd_f, &st));
}
static void open_close(const char *path, uint64_t n) {
    __wasi_fd_t fd;
    for (uint64_t i = 0; i < n; i++) {
        CHECK(path, __wasi_path_open(dir, 0, path, 0, __WASI_RIGHTS_FD_READ, 0, 0, &fd));
        CHECK("fd_close", __wasi_fd_close(fd));
    }
}
static void b_open_close_1(uint64_t n) { open_close("f", n); }
static void b_open_close_3(uint64_t n) { open_close("a/b/c", n); }
static void b_path_filestat_get_1(uint64_t n) {
    __wasi_filestat_t st;
    for (uint64_t i = 0; i < n; i++)
        CHECK("path_filestat_get", __wasi_path_filestat_get(dir, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "f", &st));
}
static void b_path_filestat_get_3(uint64_t n) {
    __wasi_filestat_t st;
    for (uint64_t i = 0; i < n; i++)
        CHECK("path_filestat_get", __wasi_path_filestat_get(dir, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "a/b/c", &st));
}
static void b_clock_time_get(uint64_t n) {
    __wasi_timestamp_t t;
    for (uint64_t i = 0; i < n; i++) CHECK("clock_time_get", __wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &t));
}
static void b_random_get_16(uint64_t n) {
    uint8_t buf[16];
    for (uint64_t i = 0; i < n; i++) CHECK("random_get", __wasi_random_get(buf, sizeof buf));
}
static void b_args_sizes_get(uint64_t n) {
    __wasi_size_t c, s;
    for (uint64_t i = 0; i < n; i++) CHECK("args_sizes_get", __wasi_args_sizes_get(&c, &s));
}

static const struct {
    const char *name;
    void (*run)(uint64_t);
    uint64_t max;         // most iterations per loop (0: no limit)
    void (*prep)(void);   // before each loop, untimed
} calls[] = {
    {"fd_write_1B_file", b_fd_write_file, 0},
    {"fd_write_1B_devnull", b_fd_write_devnull, 0},
    {"fd_read_1B_file", b_fd_read_file, BIG, rewind_big},
    {"fd_seek", b_fd_seek, 0},
    {"fd_tell", b_fd_tell, 0},
    {"fd_fdstat_get", b_fd_fdstat_get, 0},
    {"path_open_close_1", b_open_close_1, 0},
    {"path_open_close_3", b_open_close_3, 0},
    {"path_filestat_get_1", b_path_filestat_get_1, 0},
    {"path_filestat_get_3", b_path_filestat_get_3, 0},
    {"clock_time_get", b_clock_time_get, 0},
    {"random_get_16B", b_random_get_16, 0},
    {"args_sizes_get", b_args_sizes_get, 0},
};

static int cmp_u64(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static void measure(int i) {
    // calibrate: double n until a loop takes a tenth of LOOP_NS
    uint64_t n = 16, t;
    for (;;) {
        if (calls[i].prep) calls[i].prep();
        uint64_t s = now();
        calls[i].run(n);
        t = now() - s;
        if (t >= LOOP_NS / 10 || (calls[i].max && n * 2 > calls[i].max)) break;
        n *= 2;
    }
    n = t ? n * LOOP_NS / t : n;
    if (n < 1) n = 1;
    if (calls[i].max && n > calls[i].max) n = calls[i].max;
    uint64_t ns[ROUNDS];
    for (int r = 0; r < ROUNDS; r++) {
        if (calls[i].prep) calls[i].prep();
        uint64_t s = now();
        calls[i].run(n);
        ns[r] = now() - s;
    }
    qsort(ns, ROUNDS, sizeof ns[0], cmp_u64);
    printf("%s %.1f\n", calls[i].name, (double)ns[ROUNDS / 2] / (double)n);
    fflush(stdout);
}

static void mark(void) {
    __wasi_filestat_t st;
    (void)__wasi_path_filestat_get(dir, 0, "-mark-", &st);
}

int main(int argc, char **argv) {
    long count = -1;  // -n N
    int first = 1;
    if (argc > 2 && !strcmp(argv[1], "-n")) count = atol(argv[2]), first = 3;
    setup();
    int ncalls = (int)(sizeof calls / sizeof calls[0]);
    for (int i = 0; i < ncalls; i++) {
        int want = argc <= first;
        for (int a = first; a < argc; a++) want |= !strcmp(argv[a], calls[i].name);
        if (!want) continue;
        if (count < 0) {
            measure(i);
        } else {
            printf("%s\n", calls[i].name);
            if (calls[i].prep) calls[i].prep();
            mark();
            calls[i].run((uint64_t)count);
            mark();
        }
    }
    CHECK("fd_close", __wasi_fd_close(fd_w));
    CHECK("path_unlink_file", __wasi_path_unlink_file(dir, "w"));
    exit(0);  // proc_exit, so that `wali run --profile` prints its summary

}
