// A loopback load generator for the memcached text protocol (built natively
// with gcc; drives tests/stress/kv_server.c and memcached under `wali run`).
// Every reply is checked, byte for byte, against what the server must answer.
//
// Usage: loadgen PORT [-c CONNS] [-n OPS] [-d DEPTH] [-k KEYS] [-v MAXVAL] [-x]
//   CONNS connections (default 16), each one thread doing OPS operations
//   (default 5000) in pipelined batches of DEPTH requests (default 8) over its
//   own KEYS keys (default 200); values are 1..MAXVAL random bytes (default
//   65536; most are short). -x sends `shutdown` at the end (kv_server only).
//
// Operations: set (40 %), get (40 %), get of 3 keys (5 %), delete (7 %), incr
// of one counter all connections share (8 %). Each connection knows what its
// keys hold, so a get must return exactly the last value set (or nothing after
// a delete); each incr must return more than the last one this connection saw,
// and the counter must end equal to the number of incr operations. At the end
// every connection reads all its keys back, and the server's own counters
// (stats: cmd_get, cmd_set, delete_*, incr_*) must have moved by exactly what
// was sent. A request without a complete reply (closed connection, 10 s
// without data) is lost; a wrong reply is a mismatch. Exit 0 only when both
// are 0 and the server's counters agree.
//
// Prints one line: ops, ops/s, lost, mismatched, batch latencies.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int port, nconns = 16, nops = 5000, depth = 8, nkeys = 200, maxval = 65536, do_shutdown;
static uint64_t run_id;

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static uint64_t mix64(uint64_t x) {
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

static int dial(void) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return -1;
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        close(fd);
        return -1;
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    struct timeval tv = {10, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    return fd;
}

// ---------------------------------------------------------------- growable byte buffer
struct buf { char *p; size_t len, cap; };
static void put(struct buf *b, const void *p, size_t n) {
    if (b->len + n > b->cap) {
        b->cap = (b->len + n) * 2 + 4096;
        b->p = realloc(b->p, b->cap);
        if (!b->p) abort();
    }
    memcpy(b->p + b->len, p, n);
    b->len += n;
}
static void putf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(struct buf *b, const char *fmt, ...) {
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    put(b, tmp, (size_t)n);
}

// ---------------------------------------------------------------- reply reader
struct reader { int fd; char buf[1 << 16]; size_t off, len; };
// Reads exactly n bytes; 0 on success, -1 on EOF/timeout/error.
static int read_exact(struct reader *r, char *dst, size_t n) {
    while (n > 0) {
        if (r->off == r->len) {
            ssize_t k = read(r->fd, r->buf, sizeof r->buf);
            if (k < 0 && errno == EINTR) continue;
            if (k <= 0) return -1;
            r->off = 0;
            r->len = (size_t)k;
        }
        size_t take = r->len - r->off < n ? r->len - r->off : n;
        memcpy(dst, r->buf + r->off, take);
        r->off += take;
        dst += take;
        n -= take;
    }
    return 0;
}
// Reads one line including \r\n into dst (cap bytes); returns its length or -1.
static long read_line(struct reader *r, char *dst, size_t cap) {
    size_t n = 0;
    while (n + 1 < cap) {
        if (read_exact(r, dst + n, 1) != 0) return -1;
        if (dst[n++] == '\n') break;
    }
    dst[n] = 0;
    return (long)n;
}

static int write_all(int fd, const char *p, size_t n) {
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

// ---------------------------------------------------------------- values
static size_t value_len(uint64_t seed) {
    uint64_t r = mix64(seed);
    size_t cap = (size_t)maxval;
    size_t n;
    switch (r % 100) {
    case 0: n = 1 + (r >> 8) % cap; break;                         // up to MAXVAL
    case 1 ... 9: n = 1 + (r >> 8) % (cap < 4096 ? cap : 4096); break;
    default: n = 1 + (r >> 8) % (cap < 512 ? cap : 512); break;
    }
    return n;
}
static void value_bytes(uint64_t seed, char *dst, size_t n) {
    uint64_t x = seed;
    for (size_t i = 0; i < n; i += 8) {
        x = mix64(x);
        size_t k = n - i < 8 ? n - i : 8;
        memcpy(dst + i, &x, k); // any byte, \r and \n included
    }
}

// ---------------------------------------------------------------- one connection
enum { OP_SET, OP_GET, OP_MGET, OP_DEL, OP_INCR };
struct expect { int op; size_t off, len; }; // expected reply bytes in the batch's expect buffer

struct conn_result {
    long ops, sets, get_keys, deletes, incrs, lost, mismatched;
    double *lat; long nlat;
};

static pthread_barrier_t start_line;
static char counter_key[64];

static void key_name(char *dst, size_t cap, int conn, int j) { snprintf(dst, cap, "lg%llx:%d:%d", (unsigned long long)run_id, conn, j); }

// Appends the reply a get of (conn, key j) must produce.
static void expect_value(struct buf *e, int conn, int j, const uint32_t *ver, char *scratch) {
    if (ver[j] == 0) return;
    char key[96];
    key_name(key, sizeof key, conn, j);
    uint64_t seed = (uint64_t)conn << 40 ^ (uint64_t)j << 20 ^ ver[j];
    size_t n = value_len(seed);
    value_bytes(seed, scratch, n);
    putf(e, "VALUE %s %u %zu\r\n", key, (unsigned)(j * 7 + 1), n);
    put(e, scratch, n);
    put(e, "\r\n", 2);
}

static void *run_conn(void *arg) {
    int me = (int)(long)arg;
    struct conn_result *res = calloc(1, sizeof *res);
    res->lat = calloc((size_t)nops / (size_t)depth + 64, sizeof(double));
    uint32_t *ver = calloc((size_t)nkeys, sizeof *ver);   // 0: the key holds nothing
    uint32_t *next = calloc((size_t)nkeys, sizeof *next); // next version number per key
    size_t got_cap = (size_t)maxval + 4096;
    char *scratch = malloc((size_t)maxval + 16), *got = malloc(got_cap);
    struct buf req = {0}, exp = {0};
    struct expect *ex = calloc((size_t)depth + 64, sizeof *ex);
    struct reader *rd = calloc(1, sizeof *rd);
    unsigned long long last_incr = 0;
    uint64_t rng = mix64(run_id ^ (uint64_t)me);
    int fd = dial();
    pthread_barrier_wait(&start_line);
    if (fd < 0) {
        res->lost = nops;
        return res;
    }
    rd->fd = fd;
    long done = 0;
    int final_pass = 0, final_from = 0;
    while (done < nops || final_pass == 0 || final_from < nkeys) {
        req.len = exp.len = 0;
        int n = 0;
        if (done < nops) {
            for (; n < depth && done + n < nops; n++) {
                int r = (int)((rng = mix64(rng)) % 100);
                int j = (int)((rng >> 32) % (uint64_t)nkeys);
                char key[96];
                key_name(key, sizeof key, me, j);
                ex[n].off = exp.len;
                if (r < 40) {
                    ex[n].op = OP_SET;
                    ver[j] = ++next[j];
                    uint64_t seed = (uint64_t)me << 40 ^ (uint64_t)j << 20 ^ ver[j];
                    size_t vl = value_len(seed);
                    value_bytes(seed, scratch, vl);
                    putf(&req, "set %s %u 0 %zu\r\n", key, (unsigned)(j * 7 + 1), vl);
                    put(&req, scratch, vl);
                    put(&req, "\r\n", 2);
                    put(&exp, "STORED\r\n", 8);
                    res->sets++;
                } else if (r < 80) {
                    ex[n].op = OP_GET;
                    putf(&req, "get %s\r\n", key);
                    expect_value(&exp, me, j, ver, scratch);
                    put(&exp, "END\r\n", 5);
                    res->get_keys++;
                } else if (r < 85) {
                    ex[n].op = OP_MGET;
                    int j2 = (j + 1) % nkeys, j3 = (j + 2) % nkeys;
                    char k2[96], k3[96];
                    key_name(k2, sizeof k2, me, j2);
                    key_name(k3, sizeof k3, me, j3);
                    putf(&req, "get %s %s %s\r\n", key, k2, k3);
                    expect_value(&exp, me, j, ver, scratch);
                    expect_value(&exp, me, j2, ver, scratch);
                    expect_value(&exp, me, j3, ver, scratch);
                    put(&exp, "END\r\n", 5);
                    res->get_keys += 3;
                } else if (r < 92) {
                    ex[n].op = OP_DEL;
                    putf(&req, "delete %s\r\n", key);
                    if (ver[j]) put(&exp, "DELETED\r\n", 9);
                    else put(&exp, "NOT_FOUND\r\n", 11);
                    ver[j] = 0;
                    res->deletes++;
                } else {
                    ex[n].op = OP_INCR;
                    putf(&req, "incr %s 1\r\n", counter_key);
                    res->incrs++;
                }
                ex[n].len = exp.len - ex[n].off;
            }
        } else {
            // final pass: read every key back, 50 at a time
            final_pass = 1;
            putf(&req, "get");
            ex[0].op = OP_MGET;
            ex[0].off = 0;
            int to = final_from + 50 < nkeys ? final_from + 50 : nkeys;
            for (int j = final_from; j < to; j++) {
                char key[96];
                key_name(key, sizeof key, me, j);
                putf(&req, " %s", key);
                expect_value(&exp, me, j, ver, scratch);
                res->get_keys++;
            }
            put(&req, "\r\n", 2);
            put(&exp, "END\r\n", 5);
            ex[0].len = exp.len;
            final_from = to;
            n = 1;
        }
        double t0 = now_s();
        if (write_all(fd, req.p, req.len) != 0) {
            res->lost += n;
            break;
        }
        int broken = 0;
        for (int i = 0; i < n && !broken; i++) {
            if (ex[i].op == OP_INCR) {
                char line[128];
                long l = read_line(rd, line, sizeof line);
                if (l < 0) { res->lost += n - i; broken = 1; break; }
                char *end;
                unsigned long long v = strtoull(line, &end, 10);
                if (end == line || strcmp(end, "\r\n") != 0 || v <= last_incr) {
                    res->mismatched++;
                    fprintf(stderr, "loadgen: conn %d: incr reply \"%.40s\" after %llu\n", me, line, last_incr);
                    broken = 1;
                    res->lost += n - i - 1;
                    break;
                }
                last_incr = v;
            } else {
                if (ex[i].len > got_cap) {
                    got_cap = ex[i].len * 2;
                    got = realloc(got, got_cap);
                    if (!got) abort();
                }
                if (read_exact(rd, got, ex[i].len) != 0) { res->lost += n - i; broken = 1; break; }
                if (memcmp(got, exp.p + ex[i].off, ex[i].len) != 0) {
                    res->mismatched++;
                    size_t k = 0;
                    while (got[k] == exp.p[ex[i].off + k]) k++;
                    fprintf(stderr, "loadgen: conn %d op %ld: reply differs at byte %zu of %zu: \"%.30s\" vs \"%.30s\"\n",
                            me, done + i, k, ex[i].len, got + k, exp.p + ex[i].off + k);
                    broken = 1;
                    res->lost += n - i - 1; // cannot resynchronise: the rest are unverified
                    break;
                }
            }
            res->ops++;
        }
        if (broken) break;
        res->lat[res->nlat++] = now_s() - t0;
        if (!final_pass) done += n;
    }
    if (done < nops && res->lost == 0) res->lost = nops - done;
    close(fd);
    free(ver); free(next); free(scratch); free(got); free(req.p); free(exp.p); free(ex); free(rd);
    return res;
}

// ---------------------------------------------------------------- control connection
struct stats { long get, set, del, incr; int ok; };

static int control(int fd, struct reader *rd, const char *cmd, char *reply, size_t cap, const char *last) {
    if (write_all(fd, cmd, strlen(cmd)) != 0) return -1;
    size_t n = 0;
    for (;;) {
        long l = read_line(rd, reply + n, cap - n);
        if (l <= 0) return -1;
        int is_last = strncmp(reply + n, last, strlen(last)) == 0;
        n += (size_t)l;
        if (is_last || strncmp(reply + n - (size_t)l, "ERROR", 5) == 0 || n + 256 > cap) break;
    }
    return 0;
}

static struct stats get_stats(int fd, struct reader *rd) {
    static char reply[65536];
    struct stats s = {0};
    if (control(fd, rd, "stats\r\n", reply, sizeof reply, "END") != 0) return s;
    long v;
    for (char *p = reply; (p = strstr(p, "STAT ")); p++) {
        char name[64];
        if (sscanf(p, "STAT %63s %ld", name, &v) != 2) continue;
        if (!strcmp(name, "cmd_get")) s.get = v, s.ok |= 1;
        else if (!strcmp(name, "cmd_set")) s.set = v, s.ok |= 2;
        else if (!strcmp(name, "delete_hits") || !strcmp(name, "delete_misses")) s.del += v, s.ok |= 4;
        else if (!strcmp(name, "incr_hits") || !strcmp(name, "incr_misses")) s.incr += v, s.ok |= 8;
    }
    return s;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: loadgen PORT [-c CONNS] [-n OPS] [-d DEPTH] [-k KEYS] [-v MAXVAL] [-x]\n");
        return 2;
    }
    port = atoi(argv[1]);
    for (int i = 2; i < argc; i++) {
        int *dst = NULL;
        if (!strcmp(argv[i], "-c")) dst = &nconns;
        else if (!strcmp(argv[i], "-n")) dst = &nops;
        else if (!strcmp(argv[i], "-d")) dst = &depth;
        else if (!strcmp(argv[i], "-k")) dst = &nkeys;
        else if (!strcmp(argv[i], "-v")) dst = &maxval;
        else if (!strcmp(argv[i], "-x")) { do_shutdown = 1; continue; }
        if (!dst || i + 1 >= argc) { fprintf(stderr, "loadgen: bad argument %s\n", argv[i]); return 2; }
        *dst = atoi(argv[++i]);
    }
    if (nconns < 1 || nops < 1 || depth < 1 || nkeys < 3 || maxval < 1) { fprintf(stderr, "loadgen: bad numbers\n"); return 2; }
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    run_id = mix64((uint64_t)ts.tv_nsec ^ (uint64_t)getpid() << 32) & 0xffffffffffull;
    snprintf(counter_key, sizeof counter_key, "lg%llx:counter", (unsigned long long)run_id);

    int cfd = -1;
    for (int tries = 0; tries < 100 && (cfd = dial()) < 0; tries++) usleep(50000);
    if (cfd < 0) { fprintf(stderr, "loadgen: cannot connect to 127.0.0.1:%d\n", port); return 1; }
    struct reader *crd = calloc(1, sizeof *crd);
    crd->fd = cfd;
    char reply[4096], cmd[256];
    snprintf(cmd, sizeof cmd, "set %s 0 0 1\r\n0\r\n", counter_key);
    if (control(cfd, crd, cmd, reply, sizeof reply, "STORED") != 0 || strcmp(reply, "STORED\r\n") != 0) {
        fprintf(stderr, "loadgen: cannot set the counter: %s\n", reply);
        return 1;
    }
    struct stats before = get_stats(cfd, crd);

    pthread_barrier_init(&start_line, NULL, (unsigned)nconns + 1);
    pthread_t *th = calloc((size_t)nconns, sizeof *th);
    for (long i = 0; i < nconns; i++)
        if (pthread_create(&th[i], NULL, run_conn, (void *)i) != 0) { perror("pthread_create"); return 1; }
    pthread_barrier_wait(&start_line);
    double t0 = now_s();
    struct conn_result total = {0};
    double *lat = NULL;
    long nlat = 0;
    for (int i = 0; i < nconns; i++) {
        struct conn_result *r;
        pthread_join(th[i], (void **)&r);
        total.ops += r->ops;
        total.sets += r->sets;
        total.get_keys += r->get_keys;
        total.deletes += r->deletes;
        total.incrs += r->incrs;
        total.lost += r->lost;
        total.mismatched += r->mismatched;
        lat = realloc(lat, (size_t)(nlat + r->nlat) * sizeof *lat);
        memcpy(lat + nlat, r->lat, (size_t)r->nlat * sizeof *lat);
        nlat += r->nlat;
    }
    double secs = now_s() - t0;

    // the server's view
    struct stats after = get_stats(cfd, crd);
    int stats_ok = before.ok == 15 && after.ok == 15 && after.set - before.set == total.sets &&
                   after.get - before.get == total.get_keys && after.del - before.del == total.deletes &&
                   after.incr - before.incr == total.incrs;
    if (!stats_ok)
        fprintf(stderr, "loadgen: server counters moved by set %ld get %ld delete %ld incr %ld; sent %ld %ld %ld %ld\n",
                after.set - before.set, after.get - before.get, after.del - before.del, after.incr - before.incr,
                total.sets, total.get_keys, total.deletes, total.incrs);
    snprintf(cmd, sizeof cmd, "get %s\r\n", counter_key);
    long counter = -1;
    if (control(cfd, crd, cmd, reply, sizeof reply, "END") == 0) {
        char *nl = strchr(reply, '\n');
        if (nl) counter = atol(nl + 1);
    }
    if (counter != total.incrs) {
        fprintf(stderr, "loadgen: the shared counter ends at %ld after %ld incr\n", counter, total.incrs);
        total.mismatched++;
    }
    if (do_shutdown) write_all(cfd, "shutdown\r\n", 10);
    close(cfd);

    qsort(lat, (size_t)nlat, sizeof *lat, cmp_double);
    double p50 = nlat ? lat[nlat / 2] : 0, p99 = nlat ? lat[(long)(nlat * 0.99)] : 0, mx = nlat ? lat[nlat - 1] : 0;
    printf("ops=%ld ops/s=%.0f lost=%ld mismatched=%ld conns=%d depth=%d sets=%ld get_keys=%ld deletes=%ld incrs=%ld "
           "batch_ms p50=%.2f p99=%.2f max=%.1f server_counters=%s\n",
           total.ops, total.ops / secs, total.lost, total.mismatched, nconns, depth, total.sets, total.get_keys,
           total.deletes, total.incrs, p50 * 1e3, p99 * 1e3, mx * 1e3, stats_ok ? "match" : "DIFFER");
    return total.lost == 0 && total.mismatched == 0 && stats_ok ? 0 : 1;
}
