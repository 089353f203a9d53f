// Stress: signals under load. Seven threads work while signals rain on the
// process from three sources; every handler counts what it saw.
//
// Workers (all run until the senders are done):
//   writer/reader  a checksummed record stream through a pipe (random write
//                  and read sizes); EINTR must never be seen: every handler
//                  these threads can get has SA_RESTART
//   ping/pong      two threads handing a turn over with a mutex and a condvar
//                  (timed waits); both counts must add up
//   sleeper        nanosleep(200us) in a loop, resumed with the remaining time
//                  after EINTR (nanosleep is never restarted); slept time checked
//   compute        pure computation (a leaf function with a stack array, and a
//                  recursion with stack arrays), results compared with values
//                  computed before any signal flew
//   churn          creates and joins short-lived threads (4 at a time) all
//                  along: process-directed signals land on them too
//   forker         fork + _exit + waitpid in a loop (1 ms apart): statuses
//                  exact, waitpid restarted (never EINTR)
//   eintr          blocks in read() on an empty pipe; each SIGUSR2 (installed
//                  WITHOUT SA_RESTART) must end that read with EINTR
// Senders:
//   main, first    kill(self, SIGRTMIN) K times while it is blocked, then
//                  unblocks: exactly K handler runs before sigprocmask returns
//   a child process  kill(parent, SIGRTMIN) N times (real-time signals queue:
//                  exactly N handler runs), and kill(parent, SIGUSR1) floods
//                  (standard signals may coalesce: 1 <= handled <= sent)
//   setitimer      SIGALRM every millisecond (may coalesce)
//   main thread    pthread_kill(worker, SIGRTMIN+1) round robin (queued per
//                  thread: each thread's handler count must equal what was sent
//                  to it), then paced pthread_kill(eintr, SIGUSR2): the next one
//                  only after the handler ran (or 0.5 s passed: counted as late),
//                  so handled == sent exactly and every blocking read ends with EINTR.
// Handlers fill a stack array (a handler frame overwriting the interrupted
// function's stack would show in the compute checks).
//
// Usage: sig_load [SCALE]   (prints one line of figures; exit 0 = all checks held)
#include "common.h"
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sys/time.h>
#include <sys/wait.h>

static atomic_int stop;
static atomic_long n_usr1, n_usr2, n_alrm, n_rt, n_rt2;
static _Thread_local long rt2_mine; // SIGRTMIN+1 handled by this thread
static atomic_long scribble_bad;

// Uses some stack in every handler and checks it reads back.
static void scribble(int sig) {
    volatile unsigned char junk[384];
    for (int i = 0; i < (int)sizeof junk; i++) junk[i] = (unsigned char)(sig * 7 + i);
    for (int i = 0; i < (int)sizeof junk; i++)
        if (junk[i] != (unsigned char)(sig * 7 + i)) atomic_fetch_add(&scribble_bad, 1);
}

static void on_usr1(int s) { scribble(s); atomic_fetch_add(&n_usr1, 1); }
static void on_usr2(int s) { scribble(s); atomic_fetch_add(&n_usr2, 1); }
static void on_alrm(int s) { (void)s; atomic_fetch_add(&n_alrm, 1); }
static void on_rt(int s) { scribble(s); atomic_fetch_add(&n_rt, 1); }
static void on_rt2(int s) { scribble(s); rt2_mine++; atomic_fetch_add(&n_rt2, 1); }

static void install(int sig, void (*h)(int), int flags) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = h;
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    if (sigaction(sig, &sa, NULL) != 0) die("sigaction");
}

// ---------------------------------------------------------------- pipe stream
struct rec { uint64_t seq, a, b, c; };
static void make_rec(struct rec *r, uint64_t seq) {
    r->seq = seq;
    r->a = mix64(seq);
    r->b = mix64(r->a ^ 0x1234);
    r->c = seq ^ r->a ^ r->b ^ 0x5555aaaa5555aaaaull;
}
#define END_SEQ UINT64_MAX
static int stream[2];
static long w_eintr, r_eintr;
static uint64_t w_records, r_records, w_hash = FNV_INIT, r_hash = FNV_INIT;
static long r_bad;

static void *writer(void *arg) {
    (void)arg;
    static struct rec buf[256];
    uint64_t seq = 0, rng = 1;
    while (!atomic_load(&stop)) {
        int n = 1 + (int)(mix64(rng++) % 256);
        for (int k = 0; k < n; k++) make_rec(&buf[k], seq++);
        if (write_all(stream[1], buf, n * sizeof(struct rec), &w_eintr) != 0) die("stream write");
        w_hash = fnv(w_hash, buf, n * sizeof(struct rec));
    }
    struct rec end;
    memset(&end, 0, sizeof end);
    end.seq = END_SEQ;
    if (write_all(stream[1], &end, sizeof end, &w_eintr) != 0) die("stream write");
    close(stream[1]);
    w_records = seq;
    return NULL;
}

static void *reader(void *arg) {
    (void)arg;
    static unsigned char buf[65536];
    size_t have = 0;
    uint64_t expect = 0, rng = 7;
    int ended = 0;
    for (;;) {
        size_t want = 1 + mix64(rng++) % 8192;
        if (want > sizeof buf - have) want = sizeof buf - have;
        ssize_t r = read(stream[0], buf + have, want);
        if (r < 0) {
            if (errno == EINTR) { r_eintr++; continue; }
            die("stream read");
        }
        if (r == 0) break;
        have += (size_t)r;
        size_t off = 0;
        while (have - off >= sizeof(struct rec)) {
            struct rec x, want_rec;
            memcpy(&x, buf + off, sizeof x);
            off += sizeof x;
            if (ended) { r_bad++; continue; }
            if (x.seq == END_SEQ) { ended = 1; continue; }
            make_rec(&want_rec, expect);
            if (memcmp(&x, &want_rec, sizeof x) != 0) r_bad++;
            r_hash = fnv(r_hash, &x, sizeof x);
            expect = x.seq + 1;
            r_records++;
        }
        memmove(buf, buf + off, have - off);
        have -= off;
    }
    if (!ended || have != 0) r_bad++;
    close(stream[0]);
    return NULL;
}

// ---------------------------------------------------------------- ping/pong
static pthread_mutex_t pp_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pp_cv = PTHREAD_COND_INITIALIZER;
static int pp_turn;
static long pp_count[2], pp_total, pp_timeouts;

static void *pingpong(void *arg) {
    int me = (int)(long)arg;
    pthread_mutex_lock(&pp_mu);
    for (;;) {
        while (pp_turn != me && !atomic_load(&stop)) {
            struct timespec ts;
            clock_gettime(CLOCK_REALTIME, &ts);
            ts.tv_nsec += 50 * 1000000;
            if (ts.tv_nsec >= 1000000000) { ts.tv_sec++; ts.tv_nsec -= 1000000000; }
            int e = pthread_cond_timedwait(&pp_cv, &pp_mu, &ts);
            if (e == ETIMEDOUT) pp_timeouts++;
            else if (e != 0) { errno = e; die("pthread_cond_timedwait"); }
        }
        if (atomic_load(&stop)) break;
        pp_count[me]++;
        pp_total++;
        pp_turn = 1 - me;
        pthread_cond_broadcast(&pp_cv);
    }
    pthread_cond_broadcast(&pp_cv);
    pthread_mutex_unlock(&pp_mu);
    return NULL;
}

// ---------------------------------------------------------------- sleeper
static long sl_sleeps, sl_eintr;
static double sl_requested, sl_elapsed;

static void *sleeper(void *arg) {
    (void)arg;
    double t0 = now_s();
    while (!atomic_load(&stop)) {
        struct timespec ts = {0, 200000};
        while (nanosleep(&ts, &ts) != 0) {
            if (errno != EINTR) die("nanosleep");
            sl_eintr++;
        }
        sl_sleeps++;
        sl_requested += 200e-6;
        (void)getppid();
    }
    sl_elapsed = now_s() - t0;
    return NULL;
}

// ---------------------------------------------------------------- compute
// A leaf function with a stack array: no calls, so its frame may sit below a
// stack pointer that was never moved.
__attribute__((noinline)) static uint64_t leaf_frame(uint64_t seed) {
    volatile uint64_t buf[48];
    for (int i = 0; i < 48; i++) buf[i] = seed * 0x9e3779b97f4a7c15ull + (uint64_t)i * 0x2545f4914f6cdd1dull;
    uint64_t h = seed;
    for (int round = 0; round < 400; round++)
        for (int i = 0; i < 48; i++) {
            h = (h ^ buf[i]) * 0x100000001b3ull;
            buf[i] = h ^ (h >> 29);
        }
    return h;
}

__attribute__((noinline)) static uint64_t deep(int depth, uint64_t seed) {
    volatile uint64_t frame[16];
    for (int i = 0; i < 16; i++) frame[i] = mix64(seed + (uint64_t)i);
    uint64_t below = depth > 0 ? deep(depth - 1, seed * 3 + 1) : 0;
    uint64_t h = below;
    for (int i = 0; i < 16; i++) {
        if (frame[i] != mix64(seed + (uint64_t)i)) atomic_fetch_add(&scribble_bad, 1);
        h = mix64(h ^ frame[i]);
    }
    return h;
}

static uint64_t expect_leaf[16], expect_deep[16];
static long cp_rounds, cp_bad;

static void *compute(void *arg) {
    (void)arg;
    for (uint64_t r = 0; !atomic_load(&stop); r++) {
        if (leaf_frame(r % 16) != expect_leaf[r % 16]) cp_bad++;
        if (deep(40, r % 16) != expect_deep[r % 16]) cp_bad++;
        cp_rounds++;
    }
    return NULL;
}

// ---------------------------------------------------------------- thread churn
// Short-lived threads created and joined all the time: a process-directed
// signal may go to any of them, and must be handled wherever it lands.
static long ch_threads, ch_bad;

static void *churn_child(void *arg) {
    uint64_t x = (uint64_t)(long)arg;
    for (int i = 0; i < 200; i++) x = mix64(x);
    return (void *)(long)(x & 0xffff);
}

static void *churn(void *arg) {
    (void)arg;
    for (long r = 0; !atomic_load(&stop); r++) {
        pthread_t t[4];
        for (int i = 0; i < 4; i++)
            if (pthread_create(&t[i], NULL, churn_child, (void *)(r * 4 + i)) != 0) die("pthread_create (churn)");
        for (int i = 0; i < 4; i++) {
            void *res;
            if (pthread_join(t[i], &res) != 0) die("pthread_join (churn)");
            uint64_t x = (uint64_t)(r * 4 + i);
            for (int k = 0; k < 200; k++) x = mix64(x);
            if ((long)res != (long)(x & 0xffff)) ch_bad++;
            ch_threads++;
        }
    }
    return NULL;
}

// ---------------------------------------------------------------- forker
// fork + _exit + waitpid all along: waitpid restarts after SA_RESTART handlers.
static long fk_forks, fk_bad, fk_eintr;

static void *forker(void *arg) {
    (void)arg;
    while (!atomic_load(&stop)) {
        pid_t pid = fork();
        if (pid < 0) die("fork (forker)");
        if (pid == 0) _exit((int)(fk_forks & 0x7f));
        int status;
        pid_t w;
        while ((w = waitpid(pid, &status, 0)) < 0 && errno == EINTR) fk_eintr++;
        if (w != pid || !WIFEXITED(status) || WEXITSTATUS(status) != (int)(fk_forks & 0x7f)) fk_bad++;
        fk_forks++;
        sleep_us(1000);
    }
    return NULL;
}

// ---------------------------------------------------------------- eintr reader
static int empty[2];
static atomic_long ei_ready, ei_done;
static long ei_eintr, ei_other;

static void *eintr_reader(void *arg) {
    long rounds = (long)arg;
    for (long i = 1; i <= rounds; i++) {
        char c;
        atomic_store(&ei_ready, i);
        ssize_t r = read(empty[0], &c, 1);
        if (r < 0 && errno == EINTR) ei_eintr++;
        else ei_other++;
        atomic_store(&ei_done, i);
    }
    return NULL;
}

// ---------------------------------------------------------------- per-thread RT accounting
enum { W_WRITER, W_READER, W_PING, W_PONG, W_SLEEP, W_COMPUTE, W_CHURN, W_FORK, W_EINTR, NW };
static const char *wname[NW] = {"writer", "reader", "ping", "pong", "sleeper", "compute", "churn", "forker", "eintr"};
static long rt2_seen[NW];
struct start { void *(*fn)(void *); void *arg; int slot; };

static void *trampoline(void *p) {
    struct start *s = p;
    void *r = s->fn(s->arg);
    rt2_seen[s->slot] = rt2_mine;
    return r;
}

static int wait_until(atomic_long *v, long want, double timeout) {
    double t0 = now_s();
    while (atomic_load(v) < want) {
        if (now_s() - t0 > timeout) return 0;
        sched_yield();
    }
    return 1;
}

int main(int argc, char **argv) {
    double scale = stress_scale(argc, argv);
    long n_rt_send = scaled(scale, 40000);     // kill(SIGRTMIN) from the child
    long n_usr1_every = 2;                     // and a SIGUSR1 every other one
    long n_rt2_send = scaled(scale, 40000);    // pthread_kill(SIGRTMIN+1), round robin
    long n_eintr = scaled(scale, 2000);        // paced SIGUSR2 rounds
    double min_run = 4.0 * scale;              // seconds the workers run at least
    if (min_run > 60) min_run = 60;
    const int RT = SIGRTMIN, RT2 = SIGRTMIN + 1;
    double t0 = now_s();

    for (int i = 0; i < 16; i++) {
        expect_leaf[i] = leaf_frame(i);
        expect_deep[i] = deep(40, i);
    }
    install(SIGUSR1, on_usr1, SA_RESTART);
    install(SIGUSR2, on_usr2, 0); // no SA_RESTART: blocking reads end with EINTR
    install(SIGALRM, on_alrm, SA_RESTART);
    install(RT, on_rt, SA_RESTART);
    install(RT2, on_rt2, SA_RESTART);

    // Real-time signals queue while blocked: K sent, K handler runs once unblocked.
    long n_blocked = scaled(scale, 200), blocked_seen;
    {
        sigset_t set, old;
        sigemptyset(&set);
        sigaddset(&set, RT);
        sigprocmask(SIG_BLOCK, &set, &old);
        for (long i = 0; i < n_blocked; i++)
            if (kill(getpid(), RT) != 0) die("kill (blocked)");
        sigprocmask(SIG_SETMASK, &old, NULL); // every one is delivered before this returns
        blocked_seen = atomic_exchange(&n_rt, 0);
        if (blocked_seen != n_blocked)
            fail("SIGRTMIN sent %ld times while blocked: %ld handler runs after unblocking", n_blocked, blocked_seen);
    }

    // The child sender waits for a byte on `go`.
    int go[2];
    if (pipe(go) != 0 || pipe(stream) != 0 || pipe(empty) != 0) die("pipe");
    pid_t parent = getpid();
    fflush(stdout);
    pid_t child = fork();
    if (child < 0) die("fork");
    if (child == 0) {
        char c;
        close(go[1]);
        if (read(go[0], &c, 1) != 1) _exit(3);
        long retries = 0;
        for (long i = 0; i < n_rt_send; i++) {
            while (kill(parent, RT) != 0) {
                if (errno != EAGAIN) _exit(4);
                retries++; // the queue of pending real-time signals is full
                sleep_us(100);
            }
            if (i % n_usr1_every == 0 && kill(parent, SIGUSR1) != 0) _exit(5);
            if (i % 64 == 63) sleep_us(500); // bursts, spread over the run
        }
        _exit(retries > 0 ? 10 : 0);
    }
    close(go[0]);

    pthread_t th[NW];
    struct start st[NW] = {
        {writer, NULL, W_WRITER}, {reader, NULL, W_READER}, {pingpong, (void *)0L, W_PING},
        {pingpong, (void *)1L, W_PONG}, {sleeper, NULL, W_SLEEP}, {compute, NULL, W_COMPUTE}, {churn, NULL, W_CHURN}, {forker, NULL, W_FORK},
        {eintr_reader, (void *)n_eintr, W_EINTR},
    };
    for (int i = 0; i < NW; i++)
        if (pthread_create(&th[i], NULL, trampoline, &st[i]) != 0) die("pthread_create");

    struct itimerval it = {{0, 1000}, {0, 1000}};
    if (setitimer(ITIMER_REAL, &it, NULL) != 0) die("setitimer");
    double t_start = now_s();
    if (write(go[1], "g", 1) != 1) die("write go");
    close(go[1]);

    // Round-robin real-time signals to the workers (not the eintr reader).
    long rt2_sent[NW] = {0}, rt2_retries = 0;
    for (long i = 0; i < n_rt2_send; i++) {
        int w = (int)(i % W_EINTR);
        int e;
        while ((e = pthread_kill(th[w], RT2)) == EAGAIN) { rt2_retries++; sleep_us(100); }
        if (e != 0) { errno = e; die("pthread_kill"); }
        rt2_sent[w]++;
    }

    // Paced SIGUSR2 to the eintr reader: each one only after the previous
    // handler ran; resent when it came before the reader blocked.
    long usr2_sent = 0, usr2_late = 0;
    for (long i = 1; i <= n_eintr; i++) {
        if (!wait_until(&ei_ready, i, 10)) { fail("eintr reader never reached round %ld", i); break; }
        while (atomic_load(&ei_done) < i) {
            long h = atomic_load(&n_usr2);
            int e = pthread_kill(th[W_EINTR], SIGUSR2);
            if (e != 0) { errno = e; die("pthread_kill SIGUSR2"); }
            usr2_sent++;
            // A handler that has not run 0.5 s after its signal is late: the
            // signal came just as the reader entered read(), and the handler
            // waits for the call to return (a known engine race, see
            // docs/testing.md). Resending makes the read return; handled must
            // still equal sent.
            if (!wait_until(&n_usr2, h + 1, 0.5)) usr2_late++;
            for (int k = 0; k < 200 && atomic_load(&ei_done) < i; k++) sleep_us(100);
        }
    }

    int status;
    if (waitpid(child, &status, 0) != child) die("waitpid");
    long child_retries = 0;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 10) child_retries = 1;
    else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) fail("sender child status 0x%x", status);
    while (now_s() - t_start < min_run) sleep_us(10000);

    // Queued signals may still be on their way to a thread: give them a second.
    long usr1_sent = (n_rt_send + n_usr1_every - 1) / n_usr1_every;
    double t_wait = now_s();
    while ((atomic_load(&n_rt) < n_rt_send || atomic_load(&n_rt2) < n_rt2_send) && now_s() - t_wait < 1.0)
        sleep_us(1000);

    struct itimerval off = {{0, 0}, {0, 0}};
    setitimer(ITIMER_REAL, &off, NULL);
    double run_time = now_s() - t_start;
    atomic_store(&stop, 1);
    pthread_mutex_lock(&pp_mu);
    pthread_cond_broadcast(&pp_cv);
    pthread_mutex_unlock(&pp_mu);
    for (int i = 0; i < NW; i++)
        if (pthread_join(th[i], NULL) != 0) die("pthread_join");

    // ---- checks
    if (atomic_load(&n_rt) != n_rt_send)
        fail("SIGRTMIN (queued, from the child): sent %ld, handled %ld", n_rt_send, atomic_load(&n_rt));
    long rt2_total = 0;
    for (int w = 0; w < W_EINTR; w++) {
        rt2_total += rt2_seen[w];
        if (rt2_seen[w] != rt2_sent[w])
            fail("SIGRTMIN+1 to %s: sent %ld, handled %ld", wname[w], rt2_sent[w], rt2_seen[w]);
    }
    if (rt2_seen[W_EINTR] != 0) fail("SIGRTMIN+1 handled on the eintr reader (%ld)", rt2_seen[W_EINTR]);
    long usr1 = atomic_load(&n_usr1), usr2 = atomic_load(&n_usr2), alrm = atomic_load(&n_alrm);
    if (usr1 < 1 || usr1 > usr1_sent) fail("SIGUSR1 flood: sent %ld, handled %ld", usr1_sent, usr1);
    if (usr2 != usr2_sent) fail("SIGUSR2 paced: sent %ld, handled %ld", usr2_sent, usr2);
    if (ei_eintr != n_eintr || ei_other != 0)
        fail("blocking reads interrupted by SIGUSR2: %ld EINTR of %ld, %ld other results", ei_eintr, n_eintr, ei_other);
    if (alrm < 1 || alrm > (long)(run_time * 1000) + 2) fail("SIGALRM: %ld in %.2fs at 1 kHz", alrm, run_time);
    if (w_eintr || r_eintr) fail("EINTR with only SA_RESTART handlers: write %ld, read %ld", w_eintr, r_eintr);
    if (r_bad || r_records != w_records || r_hash != w_hash)
        fail("pipe stream: %llu records written, %llu read, %ld bad, hash %s", (unsigned long long)w_records,
             (unsigned long long)r_records, r_bad, r_hash == w_hash ? "equal" : "DIFFERS");
    if (pp_count[0] + pp_count[1] != pp_total || labs(pp_count[0] - pp_count[1]) > 1)
        fail("ping/pong: %ld + %ld != %ld", pp_count[0], pp_count[1], pp_total);
    if (sl_elapsed + 1e-3 < sl_requested) fail("nanosleep: slept %.3fs, requested %.3fs", sl_elapsed, sl_requested);
    if (cp_bad || scribble_bad) fail("compute: %ld wrong results, %ld clobbered stack words", cp_bad, (long)scribble_bad);
    if (ch_bad) fail("thread churn: %ld wrong results", ch_bad);
    if (fk_bad || fk_eintr) fail("forker: %ld wrong statuses, %ld EINTR from waitpid", fk_bad, fk_eintr);
    if (cp_rounds < 1 || ch_threads < 1 || fk_forks < 1 || sl_sleeps < 1 || pp_total < 2 || w_records < 1) fail("a worker made no progress");

    long handled = atomic_load(&n_rt) + rt2_total + usr1 + usr2 + alrm;
    printf("handled=%ld rt_blocked=%ld/%ld rt_queued=%ld/%ld rt_thread=%ld/%ld usr2_paced=%ld/%ld(late %ld) eintr=%ld/%ld "
           "usr1_flood=%ld/%ld alrm=%ld stream=%.1fMiB pingpong=%ld sleeps=%ld(eintr %ld) compute=%ld "
           "threads=%ld forks=%ld rt_retries=%s%ld run=%.2fs total=%.2fs\n",
           handled + blocked_seen, blocked_seen, n_blocked, atomic_load(&n_rt), n_rt_send, rt2_total, n_rt2_send, usr2, usr2_sent, usr2_late, ei_eintr, n_eintr,
           usr1, usr1_sent, alrm, w_records * sizeof(struct rec) / 1048576.0, pp_total, sl_sleeps, sl_eintr,
           cp_rounds, ch_threads, fk_forks, child_retries ? "child+" : "", rt2_retries, run_time, now_s() - t0);
    return atomic_load(&stress_failures) ? 1 : 0;
}
