// A small multi-threaded TCP key-value server speaking a subset of the
// memcached text protocol, for the stress runner's loopback load test
// (tests/stress/loadgen.c drives it, and memcached, the same way).
//
//   set <key> <flags> <exptime> <bytes> [noreply]\r\n<data>\r\n  -> STORED
//   get <key>...                 -> VALUE <key> <flags> <bytes>\r\n<data>\r\n ... END
//   delete <key> [noreply]       -> DELETED | NOT_FOUND
//   incr <key> <delta> [noreply] -> <new value> | NOT_FOUND
//   stats                        -> STAT cmd_get|cmd_set|delete_*|incr_*|... then END
//   quit                         closes the connection
//   shutdown                     ends the server (exit status 0 when no error was seen)
// One thread per connection; the table is a hash of 256 mutex-protected buckets.
// Listens on 127.0.0.1, on the port given as argv[1] (0 or none: any free port),
// and prints "port N" on stdout once it accepts connections.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define NBUCKETS 256
#define MAX_KEY 250
#define MAX_VALUE (1 << 20)

struct item {
    struct item *next;
    uint32_t flags;
    size_t len;
    char *data;
    char key[];
};

static struct bucket {
    pthread_mutex_t mu;
    struct item *head;
} table[NBUCKETS];

static atomic_long st_get, st_get_hits, st_set, st_del_hits, st_del_misses, st_incr_hits, st_incr_misses;
static atomic_long st_conns, st_curr_conns, st_errors;
static int listen_fd;

static uint32_t hash_key(const char *k, size_t n) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)k[i]) * 16777619u;
    return h;
}

// Finds key in a locked bucket; *prev gets the link pointing at it.
static struct item *find(struct bucket *b, const char *key, struct item ***prev) {
    struct item **p = &b->head;
    for (; *p; p = &(*p)->next)
        if (strcmp((*p)->key, key) == 0) break;
    if (prev) *prev = p;
    return *p;
}

// ---------------------------------------------------------------- connection I/O
struct conn {
    int fd;
    char *in;
    size_t in_len, in_cap;
    char *out;
    size_t out_len, out_cap;
};

static int flush_out(struct conn *c) {
    size_t off = 0;
    while (off < c->out_len) {
        ssize_t w = write(c->fd, c->out + off, c->out_len - off);
        if (w < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        off += (size_t)w;
    }
    c->out_len = 0;
    return 0;
}

static void out_bytes(struct conn *c, const void *p, size_t n) {
    if (c->out_len + n > c->out_cap) {
        while (c->out_len + n > c->out_cap) c->out_cap *= 2;
        c->out = realloc(c->out, c->out_cap);
        if (!c->out) abort();
    }
    memcpy(c->out + c->out_len, p, n);
    c->out_len += n;
}

static void out_str(struct conn *c, const char *s) { out_bytes(c, s, strlen(s)); }

// Makes sure at least `need` bytes are buffered; flushes replies before blocking.
// Returns 0, or -1 at EOF/error.
static int fill(struct conn *c, size_t need) {
    while (c->in_len < need) {
        if (c->out_len && flush_out(c) != 0) return -1;
        if (c->in_cap - c->in_len < 65536) {
            size_t want = c->in_cap * 2;
            while (want - c->in_len < 65536 || want < need) want *= 2;
            c->in = realloc(c->in, want);
            if (!c->in) abort();
            c->in_cap = want;
        }
        ssize_t r = read(c->fd, c->in + c->in_len, c->in_cap - c->in_len);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return -1;
        c->in_len += (size_t)r;
    }
    return 0;
}

static void consume(struct conn *c, size_t n) {
    memmove(c->in, c->in + n, c->in_len - n);
    c->in_len -= n;
}

// The next line (without \r\n) into line; returns its length, -1 at EOF, -2 when too long.
static long next_line(struct conn *c, char *line, size_t cap) {
    size_t scanned = 0;
    for (;;) {
        char *nl = memchr(c->in + scanned, '\n', c->in_len - scanned);
        if (nl) {
            size_t n = (size_t)(nl - c->in);
            size_t len = n > 0 && c->in[n - 1] == '\r' ? n - 1 : n;
            if (len >= cap) {
                consume(c, n + 1);
                return -2;
            }
            memcpy(line, c->in, len);
            line[len] = 0;
            consume(c, n + 1);
            return (long)len;
        }
        scanned = c->in_len;
        if (c->in_len > 8192) {
            consume(c, c->in_len);
            return -2;
        }
        if (fill(c, c->in_len + 1) != 0) return -1;
    }
}

// ---------------------------------------------------------------- commands
static void cmd_get(struct conn *c, char **tok, int ntok) {
    for (int i = 1; i < ntok; i++) {
        atomic_fetch_add(&st_get, 1);
        size_t kl = strlen(tok[i]);
        struct bucket *b = &table[hash_key(tok[i], kl) % NBUCKETS];
        pthread_mutex_lock(&b->mu);
        struct item *it = find(b, tok[i], NULL);
        if (it) {
            char hdr[MAX_KEY + 64];
            int n = snprintf(hdr, sizeof hdr, "VALUE %s %u %zu\r\n", it->key, it->flags, it->len);
            out_bytes(c, hdr, (size_t)n);
            out_bytes(c, it->data, it->len);
            out_bytes(c, "\r\n", 2);
            atomic_fetch_add(&st_get_hits, 1);
        }
        pthread_mutex_unlock(&b->mu);
    }
    out_str(c, "END\r\n");
}

static int cmd_set(struct conn *c, char **tok, int ntok) {
    char *end;
    if (ntok < 5 || strlen(tok[1]) > MAX_KEY) { out_str(c, "CLIENT_ERROR bad command line format\r\n"); return 0; }
    unsigned long flags = strtoul(tok[2], &end, 10);
    long len = strtol(tok[4], &end, 10);
    if (*end || len < 0 || len > MAX_VALUE) { out_str(c, "CLIENT_ERROR bad data chunk\r\n"); return 0; }
    int noreply = ntok > 5 && strcmp(tok[5], "noreply") == 0;
    if (fill(c, (size_t)len + 2) != 0) return -1;
    if (c->in[len] != '\r' || c->in[len + 1] != '\n') {
        consume(c, (size_t)len + 2);
        atomic_fetch_add(&st_errors, 1);
        out_str(c, "CLIENT_ERROR bad data chunk\r\n");
        return 0;
    }
    size_t kl = strlen(tok[1]);
    struct item *it = malloc(sizeof *it + kl + 1);
    if (!it) abort();
    memcpy(it->key, tok[1], kl + 1);
    it->flags = (uint32_t)flags;
    it->len = (size_t)len;
    it->data = malloc((size_t)len + 1);
    if (!it->data) abort();
    memcpy(it->data, c->in, (size_t)len);
    consume(c, (size_t)len + 2);
    struct bucket *b = &table[hash_key(tok[1], kl) % NBUCKETS];
    pthread_mutex_lock(&b->mu);
    struct item **prev, *old = find(b, tok[1], &prev);
    if (old) {
        it->next = old->next;
        *prev = it;
    } else {
        it->next = b->head;
        b->head = it;
    }
    pthread_mutex_unlock(&b->mu);
    if (old) {
        free(old->data);
        free(old);
    }
    atomic_fetch_add(&st_set, 1);
    if (!noreply) out_str(c, "STORED\r\n");
    return 0;
}

static void cmd_delete(struct conn *c, char **tok, int ntok) {
    if (ntok < 2) { out_str(c, "ERROR\r\n"); return; }
    int noreply = ntok > 2 && strcmp(tok[ntok - 1], "noreply") == 0;
    struct bucket *b = &table[hash_key(tok[1], strlen(tok[1])) % NBUCKETS];
    pthread_mutex_lock(&b->mu);
    struct item **prev, *it = find(b, tok[1], &prev);
    if (it) *prev = it->next;
    pthread_mutex_unlock(&b->mu);
    if (it) {
        free(it->data);
        free(it);
        atomic_fetch_add(&st_del_hits, 1);
    } else {
        atomic_fetch_add(&st_del_misses, 1);
    }
    if (!noreply) out_str(c, it ? "DELETED\r\n" : "NOT_FOUND\r\n");
}

static void cmd_incr(struct conn *c, char **tok, int ntok) {
    if (ntok < 3) { out_str(c, "ERROR\r\n"); return; }
    char *end;
    unsigned long long delta = strtoull(tok[2], &end, 10);
    if (*end) { out_str(c, "CLIENT_ERROR invalid numeric delta argument\r\n"); return; }
    int noreply = ntok > 3 && strcmp(tok[3], "noreply") == 0;
    struct bucket *b = &table[hash_key(tok[1], strlen(tok[1])) % NBUCKETS];
    char reply[64];
    pthread_mutex_lock(&b->mu);
    struct item *it = find(b, tok[1], NULL);
    if (it) {
        char num[32];
        size_t n = it->len < sizeof num - 1 ? it->len : sizeof num - 1;
        memcpy(num, it->data, n);
        num[n] = 0;
        unsigned long long v = strtoull(num, &end, 10) + delta;
        int len = snprintf(num, sizeof num, "%llu", v);
        char *d = malloc((size_t)len + 1);
        if (!d) abort();
        memcpy(d, num, (size_t)len);
        free(it->data);
        it->data = d;
        it->len = (size_t)len;
        snprintf(reply, sizeof reply, "%llu\r\n", v);
    }
    pthread_mutex_unlock(&b->mu);
    atomic_fetch_add(it ? &st_incr_hits : &st_incr_misses, 1);
    if (!noreply) out_str(c, it ? reply : "NOT_FOUND\r\n");
}

static void cmd_stats(struct conn *c) {
    char buf[1024];
    snprintf(buf, sizeof buf,
             "STAT curr_connections %ld\r\nSTAT total_connections %ld\r\nSTAT cmd_get %ld\r\nSTAT cmd_set %ld\r\n"
             "STAT get_hits %ld\r\nSTAT get_misses %ld\r\nSTAT delete_hits %ld\r\nSTAT delete_misses %ld\r\n"
             "STAT incr_hits %ld\r\nSTAT incr_misses %ld\r\nEND\r\n",
             (long)st_curr_conns, (long)st_conns, (long)st_get, (long)st_set, (long)st_get_hits,
             (long)(st_get - st_get_hits), (long)st_del_hits, (long)st_del_misses, (long)st_incr_hits,
             (long)st_incr_misses);
    out_str(c, buf);
}

static void *serve(void *arg) {
    struct conn c = {.fd = (int)(long)arg};
    c.in_cap = 1 << 17;
    c.in = malloc(c.in_cap);
    c.out_cap = 1 << 16;
    c.out = malloc(c.out_cap);
    char line[8192];
    for (;;) {
        if (c.in_len == 0 && c.out_len && flush_out(&c) != 0) break;
        long n = next_line(&c, line, sizeof line);
        if (n == -1) break;
        if (n == -2) { atomic_fetch_add(&st_errors, 1); out_str(&c, "CLIENT_ERROR line too long\r\n"); continue; }
        char *tok[256];
        int ntok = 0;
        char *save = NULL;
        for (char *s = strtok_r(line, " ", &save); s && ntok < 256; s = strtok_r(NULL, " ", &save)) tok[ntok++] = s;
        if (ntok == 0) { out_str(&c, "ERROR\r\n"); continue; }
        if (strcmp(tok[0], "get") == 0 || strcmp(tok[0], "gets") == 0) cmd_get(&c, tok, ntok);
        else if (strcmp(tok[0], "set") == 0) { if (cmd_set(&c, tok, ntok) != 0) break; }
        else if (strcmp(tok[0], "delete") == 0) cmd_delete(&c, tok, ntok);
        else if (strcmp(tok[0], "incr") == 0) cmd_incr(&c, tok, ntok);
        else if (strcmp(tok[0], "stats") == 0) cmd_stats(&c);
        else if (strcmp(tok[0], "quit") == 0) break;
        else if (strcmp(tok[0], "shutdown") == 0) {
            flush_out(&c);
            printf("served connections=%ld gets=%ld sets=%ld errors=%ld\n", (long)st_conns, (long)st_get,
                   (long)st_set, (long)st_errors);
            fflush(stdout);
            _exit(st_errors ? 1 : 0);
        } else {
            atomic_fetch_add(&st_errors, 1);
            out_str(&c, "ERROR\r\n");
        }
    }
    flush_out(&c);
    close(c.fd);
    free(c.in);
    free(c.out);
    atomic_fetch_sub(&st_curr_conns, 1);
    return NULL;
}

int main(int argc, char **argv) {
    int port = argc > 1 ? atoi(argv[1]) : 0;
    signal(SIGPIPE, SIG_IGN);
    for (int i = 0; i < NBUCKETS; i++) pthread_mutex_init(&table[i].mu, NULL);
    listen_fd = socket(AF_INET, SOCK_STREAM, 0);
    if (listen_fd < 0) { perror("socket"); return 2; }
    int one = 1;
    setsockopt(listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(listen_fd, (struct sockaddr *)&a, sizeof a) != 0) { perror("bind"); return 2; }
    if (listen(listen_fd, 256) != 0) { perror("listen"); return 2; }
    socklen_t al = sizeof a;
    getsockname(listen_fd, (struct sockaddr *)&a, &al);
    printf("port %d\n", ntohs(a.sin_port));
    fflush(stdout);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    for (;;) {
        int fd = accept(listen_fd, NULL, NULL);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) continue;
            perror("accept");
            return 2;
        }
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        atomic_fetch_add(&st_conns, 1);
        atomic_fetch_add(&st_curr_conns, 1);
        pthread_t t;
        if (pthread_create(&t, &attr, serve, (void *)(long)fd) != 0) {
            perror("pthread_create");
            close(fd);
            atomic_fetch_sub(&st_curr_conns, 1);
        }
    }
}
