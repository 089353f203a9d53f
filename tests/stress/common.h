// Helpers shared by the stress programs (tests/stress/*.c): time, a fixed
// pseudo-random generator, a checksum, failure reporting and the scale factor.
// Every program prints exactly one line of figures on stdout and exits 0 when
// every check held, 1 otherwise (the reasons go to stderr).
#ifndef STRESS_COMMON_H
#define STRESS_COMMON_H

#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static atomic_int stress_failures;

// Records a failed check (at most 20 messages are printed).
static __attribute__((unused)) void fail(const char *fmt, ...) {
    int n = atomic_fetch_add(&stress_failures, 1);
    if (n >= 20) return;
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    fprintf(stderr, "FAILED CHECK: %s\n", buf);
}

// Stops at once: something the program cannot go on without failed.
static __attribute__((unused)) void die(const char *what) {
    fprintf(stderr, "fatal: %s: %s\n", what, strerror(errno));
    fflush(stdout);
    _exit(2);
}

static __attribute__((unused)) double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static __attribute__((unused)) void sleep_us(long us) {
    struct timespec ts = {us / 1000000, (us % 1000000) * 1000};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {}
}

// The scale factor: argv[1], else $STRESS_SCALE, else 1.
static __attribute__((unused)) double stress_scale(int argc, char **argv) {
    const char *s = argc > 1 ? argv[1] : getenv("STRESS_SCALE");
    double v = s ? atof(s) : 1.0;
    return v > 0 ? v : 1.0;
}

static __attribute__((unused)) long scaled(double scale, long base) {
    long v = (long)(base * scale);
    return v > 0 ? v : 1;
}

// splitmix64: the same sequence on every platform.
static __attribute__((unused)) uint64_t mix64(uint64_t x) {
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

// FNV-1a over bytes, continuing from h (start with FNV_INIT).
#define FNV_INIT 0xcbf29ce484222325ull
static __attribute__((unused)) uint64_t fnv(uint64_t h, const void *p, size_t n) {
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

// Writes all of buf, retrying partial writes; EINTR is retried and counted.
static __attribute__((unused)) int write_all(int fd, const void *buf, size_t n, long *eintr) {
    const char *p = buf;
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR) {
                if (eintr) (*eintr)++;
                continue;
            }
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

// Reads exactly n bytes unless EOF comes first; returns the bytes read or -1.
static __attribute__((unused)) ssize_t read_full(int fd, void *buf, size_t n, long *eintr) {
    char *p = buf;
    size_t got = 0;
    while (got < n) {
        ssize_t r = read(fd, p + got, n - got);
        if (r < 0) {
            if (errno == EINTR) {
                if (eintr) (*eintr)++;
                continue;
            }
            return -1;
        }
        if (r == 0) break;
        got += (size_t)r;
    }
    return (ssize_t)got;
}

#endif
