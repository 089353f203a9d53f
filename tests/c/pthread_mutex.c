// Mutex-protected counter across threads, trylock, recursive mutex, rwlock, spinlock, and C11 atomics.
#include <stdio.h>
#include <pthread.h>
#include <stdatomic.h>
#include <errno.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static long counter;
static atomic_long acounter;
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static pthread_spinlock_t spin;
static long spun;

static void *work(void *arg) {
    (void)arg;
    for (int i = 0; i < 100000; i++) {
        pthread_mutex_lock(&m);
        counter++;
        pthread_mutex_unlock(&m);
        atomic_fetch_add(&acounter, 1);
        if (i % 100 == 0) {
            pthread_spin_lock(&spin);
            spun++;
            pthread_spin_unlock(&spin);
        }
    }
    return NULL;
}

int main(void) {
    pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE);
    pthread_t t[4];
    for (int i = 0; i < 4; i++) pthread_create(&t[i], NULL, work, NULL);
    for (int i = 0; i < 4; i++) pthread_join(t[i], NULL);
    printf("counter=%ld atomic=%ld spun=%ld\n", counter, atomic_load(&acounter), spun);
    pthread_mutex_lock(&m);
    printf("trylock while locked EBUSY=%d\n", pthread_mutex_trylock(&m) == EBUSY);
    pthread_mutex_unlock(&m);
    printf("trylock unlocked=%d\n", pthread_mutex_trylock(&m));
    pthread_mutex_unlock(&m);
    pthread_mutexattr_t a;
    pthread_mutexattr_init(&a);
    pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_t rm;
    pthread_mutex_init(&rm, &a);
    int r1 = pthread_mutex_lock(&rm);
    int r2 = pthread_mutex_lock(&rm);
    int r3 = pthread_mutex_unlock(&rm);
    int r4 = pthread_mutex_unlock(&rm);
    printf("recursive %d %d %d %d\n", r1, r2, r3, r4);
    pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK);
    pthread_mutex_t em;
    pthread_mutex_init(&em, &a);
    pthread_mutex_lock(&em);
    printf("errorcheck relock EDEADLK=%d\n", pthread_mutex_lock(&em) == EDEADLK);
    pthread_mutex_unlock(&em);
    printf("errorcheck unlock unowned EPERM=%d\n", pthread_mutex_unlock(&em) == EPERM);
    int a1 = pthread_rwlock_rdlock(&rw);
    int a2 = pthread_rwlock_tryrdlock(&rw);
    int a3 = pthread_rwlock_trywrlock(&rw);
    printf("rwlock rd=%d rd2=%d trywr EBUSY=%d\n", a1, a2, a3 == EBUSY);
    pthread_rwlock_unlock(&rw);
    pthread_rwlock_unlock(&rw);
    printf("wrlock after unlock=%d\n", pthread_rwlock_trywrlock(&rw));
    pthread_rwlock_unlock(&rw);
    return 0;
}
