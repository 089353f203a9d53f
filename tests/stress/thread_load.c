// Stress: threads under load. Every phase checks exact totals.
//   cycles     N threads created and joined, 8 alive at a time; each checks its
//              thread-local storage starts fresh (initialised TLS and zeroed
//              TLS), keeps its own values while the others run, and returns a
//              value derived from its argument
//   detached   detached threads (at most 64 alive) report through a
//              mutex/condvar; the main thread waits for every one
//   contention 8 threads hammer a mutex-protected counter, an atomic counter,
//              a spinlock-protected counter and a rwlock-protected pair whose
//              halves readers check are equal
//   queue      4 producers, 4 consumers, a 64-slot queue with two condvars:
//              count, sum and per-producer order checked
//   barrier    6 threads, rounds separated by a barrier: each round every
//              thread sees every other thread's write of that round
//
// Usage: thread_load [SCALE]   (prints one line of figures; exit 0 = all checks held)
#include "common.h"
#include <pthread.h>
#include <sched.h>

// ---------------------------------------------------------------- create/join cycles
static _Thread_local long tls_value = 12345;
static _Thread_local char tls_zero[256];
static atomic_long cyc_started, cyc_bad_tls;

static void *cycle_thread(void *arg) {
    long me = (long)arg;
    atomic_fetch_add(&cyc_started, 1);
    int bad = tls_value != 12345;
    for (int i = 0; i < (int)sizeof tls_zero; i++) bad |= tls_zero[i] != 0;
    tls_value = me;
    memset(tls_zero, (int)(me & 0x7f) | 1, sizeof tls_zero);
    uint64_t x = (uint64_t)me;
    for (int i = 0; i < 100; i++) x = mix64(x);
    sched_yield();
    bad |= tls_value != me;
    for (int i = 0; i < (int)sizeof tls_zero; i++) bad |= tls_zero[i] != (char)((me & 0x7f) | 1);
    if (bad) atomic_fetch_add(&cyc_bad_tls, 1);
    return (void *)(long)(x & 0x7fffffff);
}

// ---------------------------------------------------------------- detached
static pthread_mutex_t det_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t det_cv = PTHREAD_COND_INITIALIZER;
static long det_alive, det_done, det_sum;

static void *detached_thread(void *arg) {
    long v = (long)arg;
    pthread_mutex_lock(&det_mu);
    det_sum += v;
    det_done++;
    det_alive--;
    pthread_cond_broadcast(&det_cv);
    pthread_mutex_unlock(&det_mu);
    return NULL;
}

// ---------------------------------------------------------------- contention
#define NC 8
static pthread_mutex_t c_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_rwlock_t c_rw = PTHREAD_RWLOCK_INITIALIZER;
static atomic_flag c_spin = ATOMIC_FLAG_INIT;
static long c_mutex_count, c_spin_count, c_pair_a, c_pair_b;
static atomic_long c_atomic_count, c_rw_bad, c_reads;
static long c_iters;

static void *contend(void *arg) {
    long me = (long)arg;
    for (long i = 0; i < c_iters; i++) {
        pthread_mutex_lock(&c_mu);
        c_mutex_count++;
        pthread_mutex_unlock(&c_mu);
        atomic_fetch_add_explicit(&c_atomic_count, 1, memory_order_relaxed);
        if ((i & 3) == 0) {
            while (atomic_flag_test_and_set_explicit(&c_spin, memory_order_acquire)) sched_yield();
            c_spin_count++;
            atomic_flag_clear_explicit(&c_spin, memory_order_release);
        }
        if (((i + me) & 15) == 0) {
            pthread_rwlock_wrlock(&c_rw);
            c_pair_a++;
            c_pair_b++;
            pthread_rwlock_unlock(&c_rw);
        } else if (((i + me) & 15) == 8) {
            pthread_rwlock_rdlock(&c_rw);
            if (c_pair_a != c_pair_b) atomic_fetch_add(&c_rw_bad, 1);
            atomic_fetch_add_explicit(&c_reads, 1, memory_order_relaxed);
            pthread_rwlock_unlock(&c_rw);
        }
    }
    return NULL;
}

// ---------------------------------------------------------------- queue
#define NP 4
#define QCAP 64
static pthread_mutex_t q_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t q_notempty = PTHREAD_COND_INITIALIZER, q_notfull = PTHREAD_COND_INITIALIZER;
static uint64_t q_buf[QCAP];
static int q_head, q_len, q_producers_left = NP;
static long q_items;
struct consumed { long count; uint64_t sum; long order_bad; };

static void *producer(void *arg) {
    uint64_t p = (uint64_t)(long)arg;
    for (long i = 0; i < q_items; i++) {
        pthread_mutex_lock(&q_mu);
        while (q_len == QCAP) pthread_cond_wait(&q_notfull, &q_mu);
        q_buf[(q_head + q_len) % QCAP] = p << 32 | (uint64_t)i;
        q_len++;
        pthread_cond_signal(&q_notempty);
        pthread_mutex_unlock(&q_mu);
    }
    pthread_mutex_lock(&q_mu);
    q_producers_left--;
    pthread_cond_broadcast(&q_notempty);
    pthread_mutex_unlock(&q_mu);
    return NULL;
}

static void *consumer(void *arg) {
    struct consumed *c = arg;
    int64_t last[NP];
    for (int p = 0; p < NP; p++) last[p] = -1;
    for (;;) {
        pthread_mutex_lock(&q_mu);
        while (q_len == 0 && q_producers_left > 0) pthread_cond_wait(&q_notempty, &q_mu);
        if (q_len == 0) {
            pthread_mutex_unlock(&q_mu);
            break;
        }
        uint64_t v = q_buf[q_head];
        q_head = (q_head + 1) % QCAP;
        q_len--;
        pthread_cond_signal(&q_notfull);
        pthread_mutex_unlock(&q_mu);
        int p = (int)(v >> 32);
        int64_t seq = (int64_t)(v & 0xffffffff);
        if (p >= NP || seq <= last[p]) c->order_bad++;
        else last[p] = seq;
        c->count++;
        c->sum += v;
    }
    return NULL;
}

// ---------------------------------------------------------------- barrier
#define NB 6
static pthread_barrier_t b_bar;
static atomic_long b_slot[NB];
static long b_rounds;
static atomic_long b_bad;

static void *barrier_thread(void *arg) {
    long me = (long)arg;
    for (long r = 1; r <= b_rounds; r++) {
        atomic_store(&b_slot[me], r);
        pthread_barrier_wait(&b_bar);
        for (int t = 0; t < NB; t++)
            if (atomic_load(&b_slot[t]) != r) atomic_fetch_add(&b_bad, 1);
        pthread_barrier_wait(&b_bar);
    }
    return NULL;
}

int main(int argc, char **argv) {
    double scale = stress_scale(argc, argv);
    long n_cycles = scaled(scale, 10000);
    long n_detached = scaled(scale, 2000);
    c_iters = scaled(scale, 200000);
    q_items = scaled(scale, 100000);
    b_rounds = scaled(scale, 5000);
    double t0 = now_s(), t;

    // create/join cycles, 8 at a time
    t = now_s();
    long cyc_bad = 0;
    for (long base = 0; base < n_cycles; base += 8) {
        pthread_t th[8];
        int n = (int)(n_cycles - base < 8 ? n_cycles - base : 8);
        for (int i = 0; i < n; i++) {
            int e = pthread_create(&th[i], NULL, cycle_thread, (void *)(base + i));
            if (e != 0) { errno = e; die("pthread_create"); }
        }
        for (int i = 0; i < n; i++) {
            void *res;
            if (pthread_join(th[i], &res) != 0) die("pthread_join");
            uint64_t x = (uint64_t)(base + i);
            for (int k = 0; k < 100; k++) x = mix64(x);
            if ((long)res != (long)(x & 0x7fffffff)) cyc_bad++;
        }
    }
    double t_cycles = now_s() - t;
    if (cyc_bad || atomic_load(&cyc_started) != n_cycles || cyc_bad_tls)
        fail("create/join: %ld started of %ld, %ld wrong results, %ld with wrong TLS", (long)cyc_started, n_cycles,
             cyc_bad, (long)cyc_bad_tls);

    // detached threads, at most 64 alive
    t = now_s();
    pthread_attr_t det;
    pthread_attr_init(&det);
    pthread_attr_setdetachstate(&det, PTHREAD_CREATE_DETACHED);
    for (long i = 0; i < n_detached; i++) {
        pthread_mutex_lock(&det_mu);
        while (det_alive >= 64) pthread_cond_wait(&det_cv, &det_mu);
        det_alive++;
        pthread_mutex_unlock(&det_mu);
        pthread_t th;
        int e = pthread_create(&th, &det, detached_thread, (void *)(i + 1));
        if (e != 0) { errno = e; die("pthread_create (detached)"); }
    }
    pthread_mutex_lock(&det_mu);
    while (det_done < n_detached) pthread_cond_wait(&det_cv, &det_mu);
    pthread_mutex_unlock(&det_mu);
    double t_detached = now_s() - t;
    if (det_sum != n_detached * (n_detached + 1) / 2)
        fail("detached: sum %ld, want %ld", det_sum, n_detached * (n_detached + 1) / 2);

    // contention
    t = now_s();
    pthread_t cth[NC];
    for (long i = 0; i < NC; i++)
        if (pthread_create(&cth[i], NULL, contend, (void *)i) != 0) die("pthread_create (contend)");
    for (int i = 0; i < NC; i++) pthread_join(cth[i], NULL);
    double t_contend = now_s() - t;
    long want = NC * c_iters, want_spin = NC * ((c_iters + 3) / 4), want_pair = 0;
    for (long me = 0; me < NC; me++)
        for (long i = 0; i < c_iters; i++) want_pair += ((i + me) & 15) == 0;
    if (c_mutex_count != want || atomic_load(&c_atomic_count) != want || c_spin_count != want_spin ||
        c_pair_a != want_pair || c_pair_b != want_pair || c_rw_bad)
        fail("contention: mutex %ld atomic %ld (want %ld), spin %ld (want %ld), rw pair %ld/%ld (want %ld), "
             "%ld torn reads", c_mutex_count, (long)c_atomic_count, want, c_spin_count, want_spin, c_pair_a,
             c_pair_b, want_pair, (long)c_rw_bad);

    // producers/consumers
    t = now_s();
    pthread_t pth[NP], cnth[NP];
    struct consumed cons[NP];
    memset(cons, 0, sizeof cons);
    for (long i = 0; i < NP; i++) {
        if (pthread_create(&pth[i], NULL, producer, (void *)i) != 0) die("pthread_create (producer)");
        if (pthread_create(&cnth[i], NULL, consumer, &cons[i]) != 0) die("pthread_create (consumer)");
    }
    long q_count = 0, q_order_bad = 0;
    uint64_t q_sum = 0, q_want_sum = 0;
    for (int i = 0; i < NP; i++) {
        pthread_join(pth[i], NULL);
        pthread_join(cnth[i], NULL);
    }
    for (int i = 0; i < NP; i++) {
        q_count += cons[i].count;
        q_sum += cons[i].sum;
        q_order_bad += cons[i].order_bad;
        q_want_sum += ((uint64_t)i << 32) * (uint64_t)q_items + (uint64_t)q_items * (uint64_t)(q_items - 1) / 2;
    }
    double t_queue = now_s() - t;
    if (q_count != NP * q_items || q_sum != q_want_sum || q_order_bad)
        fail("queue: %ld items of %ld, sum %s, %ld out of order", q_count, NP * q_items,
             q_sum == q_want_sum ? "ok" : "WRONG", q_order_bad);

    // barrier rounds
    t = now_s();
    pthread_barrier_init(&b_bar, NULL, NB);
    pthread_t bth[NB];
    for (long i = 0; i < NB; i++)
        if (pthread_create(&bth[i], NULL, barrier_thread, (void *)i) != 0) die("pthread_create (barrier)");
    for (int i = 0; i < NB; i++) pthread_join(bth[i], NULL);
    double t_barrier = now_s() - t;
    if (b_bad) fail("barrier: %ld stale slots seen", (long)b_bad);

    printf("cycles=%ld (%.0f/s) detached=%ld (%.0f/s) contention=%dx%ld ops (%.2fM lock ops/s) "
           "queue=%ld items (%.0f/s) barrier=%ldx%d (%.0f rounds/s) total=%.2fs\n",
           n_cycles, n_cycles / t_cycles, n_detached, n_detached / t_detached, NC, c_iters,
           (2.0 * want + want_spin + want_pair + (long)c_reads) / t_contend / 1e6, q_count, q_count / t_queue, b_rounds,
           NB, b_rounds / t_barrier, now_s() - t0);
    return atomic_load(&stress_failures) ? 1 : 0;
}
