// Per-operation cost of syscalls and process primitives. Prints one line per
// benchmark: "<name> <median ns per operation>" (median of 5 timed rounds);
// `syscalls forks N` only does N fork+waits (bench/run counts their page faults).
// Built natively and with wali-cc by bench/run, which compares the two.
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

typedef void (*op_fn)(long n);

/* Runs op(n) for 5 rounds of about `budget_ms` each and prints the median ns/op. */
static void bench(const char *name, op_fn op, double budget_ms) {
    long n = 1;
    for (;;) { /* calibrate */
        double t0 = now_ns();
        op(n);
        double dt = now_ns() - t0;
        if (dt > budget_ms * 1e6 / 4 || n > (1L << 30)) {
            n = (long)(n * (budget_ms * 1e6 / (dt > 1 ? dt : 1)));
            if (n < 1) n = 1;
            break;
        }
        n *= 4;
    }
    double r[5];
    for (int i = 0; i < 5; i++) {
        double t0 = now_ns();
        op(n);
        r[i] = (now_ns() - t0) / n;
    }
    qsort(r, 5, sizeof r[0], cmp);
    printf("%s %.1f\n", name, r[2]);
    fflush(stdout);
}

static int zero_fd, null_fd, pfd[2];
static char buf[65536];
static volatile sig_atomic_t hits;

static void op_getppid(long n) { for (long i = 0; i < n; i++) getppid(); }
/* getppid reached through 5 more function calls (no inlining, no tail calls):
   what returning through frames after a syscall costs on this machine. */
#define RELAY(name, next) \
    static __attribute__((noinline)) pid_t name(void) { \
        pid_t p = next(); \
        __asm__ volatile("" : "+r"(p)); \
        return p; \
    }
RELAY(relay1, getppid)
RELAY(relay2, relay1)
RELAY(relay3, relay2)
RELAY(relay4, relay3)
RELAY(relay5, relay4)
static void op_getppid_5_deeper(long n) { for (long i = 0; i < n; i++) relay5(); }
static void op_read1_zero(long n) { for (long i = 0; i < n; i++) read(zero_fd, buf, 1); }
static void op_read64k_zero(long n) { for (long i = 0; i < n; i++) read(zero_fd, buf, 65536); }
static void op_write1_null(long n) { for (long i = 0; i < n; i++) write(null_fd, buf, 1); }
static void op_write64k_null(long n) { for (long i = 0; i < n; i++) write(null_fd, buf, 65536); }
static void op_pipe1(long n) {
    for (long i = 0; i < n; i++) { write(pfd[1], buf, 1); read(pfd[0], buf, 1); }
}
static void op_pipe64k(long n) {
    for (long i = 0; i < n; i++) { write(pfd[1], buf, 65536); read(pfd[0], buf, 65536); }
}
static void op_open_close(long n) {
    for (long i = 0; i < n; i++) close(open("/dev/null", O_RDONLY));
}
static void op_fstat(long n) {
    struct stat st;
    for (long i = 0; i < n; i++) fstat(null_fd, &st);
}
static void op_mmap_1m(long n) {
    for (long i = 0; i < n; i++) {
        void *p = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        munmap(p, 1 << 20);
    }
}
static void op_clock_gettime(long n) {
    struct timespec t;
    for (long i = 0; i < n; i++) clock_gettime(CLOCK_MONOTONIC, &t);
}
static void op_fork_wait(long n) {
    for (long i = 0; i < n; i++) {
        pid_t p = fork();
        if (p == 0) _exit(0);
        waitpid(p, NULL, 0);
    }
}
static void *nothing(void *a) { return a; }
static void op_thread(long n) {
    for (long i = 0; i < n; i++) {
        pthread_t t;
        pthread_create(&t, NULL, nothing, NULL);
        pthread_join(t, NULL);
    }
}
static void on_usr1(int s) { (void)s; hits++; }
static void op_raise(long n) { for (long i = 0; i < n; i++) raise(SIGUSR1); }

int main(int argc, char **argv) {
    zero_fd = open("/dev/zero", O_RDONLY);
    null_fd = open("/dev/null", O_WRONLY);
    if (pipe(pfd) != 0) return 1;
    fcntl(pfd[1], F_SETPIPE_SZ, 1 << 17);
    signal(SIGUSR1, on_usr1);
    const char *only = argc > 1 ? argv[1] : NULL;
    /* "forks N": N fork+waits, untimed, for counting their page faults. */
    if (only && strcmp(only, "forks") == 0 && argc > 2) {
        op_fork_wait(atol(argv[2]));
        return 0;
    }
#define B(name, fn, ms) if (!only || strcmp(only, name) == 0) bench(name, fn, ms)
    B("getppid", op_getppid, 100);
    B("getppid_5_deeper", op_getppid_5_deeper, 100);
    B("read_1B_devzero", op_read1_zero, 100);
    B("read_64KiB_devzero", op_read64k_zero, 100);
    B("write_1B_devnull", op_write1_null, 100);
    B("write_64KiB_devnull", op_write64k_null, 100);
    B("pipe_1B_roundtrip", op_pipe1, 100);
    B("pipe_64KiB_roundtrip", op_pipe64k, 100);
    B("open_close", op_open_close, 100);
    B("fstat", op_fstat, 100);
    B("mmap_munmap_1MiB", op_mmap_1m, 100);
    B("clock_gettime", op_clock_gettime, 100);
    B("fork_wait", op_fork_wait, 300);
    B("pthread_create_join", op_thread, 200);
    B("raise_to_handler", op_raise, 100);
    // The signal handler must have run, if its benchmark did.
    return hits > 0 || (only && strcmp(only, "raise_to_handler") != 0) ? 0 : 1;
}
