/* Start-up: standard descriptors, the engine's environment file (program
 * environment and __WALI_WASI_PREOPEN entries); args_*, environ_*, proc_*,
 * sched_yield and random_get. */
#include "layer.h"

#define ENV_MAX (128 * 1024)
static char env_buf[ENV_MAX];   /* NUL-separated NAME=value entries */
static u32 env_len;

static const char PRE[] = "__WALI_WASI_";
#define PRE_LEN (sizeof PRE - 1)
static const char PREOPEN[] = "__WALI_WASI_PREOPEN=";
#define PREOPEN_LEN (sizeof PREOPEN - 1)

static void say(const char *msg) {
    static const char head[] = "wali: WASI layer: ";
    wali_write(2, head, sizeof head - 1);
    wali_write(2, msg, strlen(msg));
    wali_write(2, "\n", 1);
}

static int is_tty(int fd) {
    static u8 termios[64];
    return wali_ioctl(fd, 0x5401 /* TCGETS */, termios) == 0;
}

static int read_envfile(void) {
    static char path[256];
    int r = wali_envfile(path, sizeof path);
    if (r == 0) return 0;
    if (r < 0) { say("cannot get the environment file"); return -1; }
    i64 fd = wali_openat(L_AT_FDCWD, path, L_O_RDONLY | L_O_CLOEXEC, 0);
    if (fd < 0) { say("cannot open the environment file"); return -1; }
    for (;;) {
        if (env_len == ENV_MAX) { say("environment too large"); wali_close(fd); return -1; }
        i64 n = wali_read(fd, env_buf + env_len, ENV_MAX - env_len);
        if (n == -L_EINTR) continue;
        if (n < 0) { say("cannot read the environment file"); wali_close(fd); return -1; }
        if (n == 0) break;
        env_len += n;
    }
    wali_close(fd);
    /* make sure the last entry is terminated */
    if (env_len && env_buf[env_len - 1]) {
        if (env_len == ENV_MAX) { say("environment too large"); return -1; }
        env_buf[env_len++] = 0;
    }
    return 0;
}

/* __WALI_WASI_PREOPEN=<hostfd>:<r|w>:<guest name> */
static int add_preopen(char *v) {
    int host = 0;
    if (*v < '0' || *v > '9') return -1;
    while (*v >= '0' && *v <= '9') host = host * 10 + (*v++ - '0');
    if (*v++ != ':' || (*v != 'r' && *v != 'w')) return -1;
    struct wfd d = {0};
    d.ro = *v++ == 'r';
    if (*v++ != ':') return -1;
    d.host = host;
    d.kind = K_DIR;
    d.rd = 1;
    d.name = v;
    d.namelen = strlen(v);
    return fd_push(&d) < 0 ? -1 : 0;
}

EXPORT(__wali_env_nul) void wasi_env_nul(void) {}

EXPORT(__wali_wasi_init) int wasi_init(void) {
    for (int i = 0; i < 3; i++) {
        struct wfd d = {0};
        d.host = i;
        d.kind = K_STDIN + i;
        d.tty = is_tty(i);
        fd_push(&d);
    }
    if (read_envfile()) return 1;
    for (u32 i = 0; i < env_len; i += strlen(env_buf + i) + 1) {
        char *e = env_buf + i;
        if (memcmp(e, PREOPEN, PREOPEN_LEN) == 0 && add_preopen(e + PREOPEN_LEN)) {
            say("bad __WALI_WASI_PREOPEN entry");
            return 1;
        }
    }
    return 0;
}

/* The program's environment: every entry but the engine's own. */
static int env_next(u32 *i, char **e) {
    while (*i < env_len) {
        char *s = env_buf + *i;
        *i += strlen(s) + 1;
        if (memcmp(s, PRE, PRE_LEN) != 0) { *e = s; return 1; }
    }
    return 0;
}

EXPORT(environ_sizes_get) int wasi_environ_sizes_get(u32 *count, u32 *size) {
    u32 i = 0, n = 0, sz = 0;
    char *e;
    while (env_next(&i, &e)) { n++; sz += strlen(e) + 1; }
    *count = n;
    *size = sz;
    return 0;
}

EXPORT(environ_get) int wasi_environ_get(char **environ, char *buf) {
    u32 i = 0;
    char *e;
    while (env_next(&i, &e)) {
        u32 l = strlen(e) + 1;
        *environ++ = buf;
        memcpy(buf, e, l);
        buf += l;
    }
    return 0;
}

EXPORT(args_sizes_get) int wasi_args_sizes_get(u32 *count, u32 *size) {
    int n = wali_argc();
    u32 sz = 0;
    for (int i = 0; i < n; i++) sz += wali_argv_len(i) + 1;
    *count = n;
    *size = sz;
    return 0;
}

EXPORT(args_get) int wasi_args_get(char **argv, char *buf) {
    int n = wali_argc();
    for (int i = 0; i < n; i++) {
        *argv++ = buf;
        wali_copy_argv(buf, i);   /* copies the terminating NUL too */
        buf += wali_argv_len(i) + 1;
    }
    return 0;
}

EXPORT(proc_exit) void wasi_proc_exit(u32 code) {
    /* Wasmtime traps on statuses outside [0, 126) */
    if (code >= 126) __builtin_trap();
    wali_proc_exit(code);
}

EXPORT(proc_raise) int wasi_proc_raise(u32 sig) {
    if (sig > 30) BAD_ARG();
    return E_NOTSUP;   /* Wasmtime: unsupported */
}

EXPORT(sched_yield) int wasi_sched_yield(void) {
    wali_sched_yield();
    return 0;
}

/* Fills buf from the kernel. */
static int getrandom_all(u8 *buf, u32 len) {
    while (len) {
        i64 n = wali_getrandom(buf, len, 0);
        if (n == -L_EINTR) continue;
        if (n < 0) return err_net(n);
        buf += n;
        len -= n;
    }
    return 0;
}

/* Small requests are served from a pool the kernel refills, so a program
 * that asks for 16 bytes at a time does not pay a syscall each (Wasmtime
 * uses a generator in user space). Each byte is handed out once, then wiped. */
#define POOL 256
static u8 pool[POOL];
static u32 pool_left;

EXPORT(random_get) int wasi_random_get(u8 *buf, u32 len) {
    if (len > POOL / 4) return getrandom_all(buf, len);
    if (len > pool_left) {
        int e = getrandom_all(pool, POOL);
        if (e) return e;
        pool_left = POOL;
    }
    u8 *from = pool + (POOL - pool_left);
    memcpy(buf, from, len);
    memset(from, 0, len);
    pool_left -= len;
    return 0;
}
