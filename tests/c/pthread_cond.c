// Producer/consumer over a bounded queue with condition variables, broadcast, timed wait, barrier, semaphores.
#include <stdio.h>
#include <pthread.h>
#include <semaphore.h>
#include <time.h>
#include <errno.h>

#define CAP 8
static int q[CAP], head, tail, count;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_full = PTHREAD_COND_INITIALIZER, not_empty = PTHREAD_COND_INITIALIZER;
static long consumed_sum;

static void *producer(void *arg) {
    int base = *(int *)arg;
    for (int i = 0; i < 1000; i++) {
        pthread_mutex_lock(&m);
        while (count == CAP) pthread_cond_wait(&not_full, &m);
        q[tail] = base + i;
        tail = (tail + 1) % CAP;
        count++;
        pthread_cond_signal(&not_empty);
        pthread_mutex_unlock(&m);
    }
    return NULL;
}

static void *consumer(void *arg) {
    (void)arg;
    for (int i = 0; i < 1000; i++) {
        pthread_mutex_lock(&m);
        while (count == 0) pthread_cond_wait(&not_empty, &m);
        consumed_sum += q[head];
        head = (head + 1) % CAP;
        count--;
        pthread_cond_signal(&not_full);
        pthread_mutex_unlock(&m);
    }
    return NULL;
}

static pthread_barrier_t bar;
static int arrived_serial;
static void *at_barrier(void *arg) {
    (void)arg;
    if (pthread_barrier_wait(&bar) == PTHREAD_BARRIER_SERIAL_THREAD) __atomic_add_fetch(&arrived_serial, 1, __ATOMIC_SEQ_CST);
    return NULL;
}

static sem_t sem;
static void *poster(void *arg) { (void)arg; for (int i = 0; i < 5; i++) sem_post(&sem); return NULL; }

int main(void) {
    pthread_t p[2], c[2];
    int bases[2] = {0, 100000};
    for (int i = 0; i < 2; i++) pthread_create(&p[i], NULL, producer, &bases[i]);
    for (int i = 0; i < 2; i++) pthread_create(&c[i], NULL, consumer, NULL);
    for (int i = 0; i < 2; i++) { pthread_join(p[i], NULL); pthread_join(c[i], NULL); }
    printf("consumed sum=%ld remaining=%d\n", consumed_sum, count);
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += 20 * 1000 * 1000;
    if (ts.tv_nsec >= 1000000000L) { ts.tv_sec++; ts.tv_nsec -= 1000000000L; }
    pthread_mutex_lock(&m);
    int r = pthread_cond_timedwait(&not_empty, &m, &ts);
    pthread_mutex_unlock(&m);
    printf("timedwait ETIMEDOUT=%d\n", r == ETIMEDOUT);
    pthread_barrier_init(&bar, NULL, 4);
    pthread_t b[3];
    for (int i = 0; i < 3; i++) pthread_create(&b[i], NULL, at_barrier, NULL);
    at_barrier(NULL);
    for (int i = 0; i < 3; i++) pthread_join(b[i], NULL);
    printf("barrier serial threads=%d\n", arrived_serial);
    sem_init(&sem, 0, 0);
    pthread_t ps;
    pthread_create(&ps, NULL, poster, NULL);
    for (int i = 0; i < 5; i++) sem_wait(&sem);
    pthread_join(ps, NULL);
    int v;
    sem_getvalue(&sem, &v);
    printf("semaphore drained value=%d trywait EAGAIN=%d\n", v, sem_trywait(&sem) == -1 && errno == EAGAIN);
    return 0;
}
