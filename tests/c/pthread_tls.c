// Thread-local storage (__thread / _Thread_local), pthread_once, pthread_key with destructors, errno per thread.
#include <stdio.h>
#include <errno.h>
#include <pthread.h>
#include <unistd.h>

static __thread int tls_counter = 100;
static _Thread_local char tls_name[16] = "initial";
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_runs;
static pthread_key_t key;
static int destructor_runs;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

static void init_once(void) { once_runs++; }
static void destructor(void *p) {
    pthread_mutex_lock(&m);
    destructor_runs += (int)(long)p;
    pthread_mutex_unlock(&m);
}

static void *worker(void *arg) {
    long id = (long)arg;
    pthread_once(&once, init_once);
    for (int i = 0; i < 1000; i++) tls_counter++;
    snprintf(tls_name, sizeof tls_name, "thread%ld", id);
    pthread_setspecific(key, (void *)(id + 1));
    errno = (int)id + 1;
    usleep(1000);
    long ok = tls_counter == 1100 && errno == (int)id + 1 && (long)pthread_getspecific(key) == id + 1;
    return (void *)ok;
}

int main(void) {
    pthread_key_create(&key, destructor);
    pthread_t t[6];
    for (long i = 0; i < 6; i++) pthread_create(&t[i], NULL, worker, (void *)i);
    long ok = 0;
    for (int i = 0; i < 6; i++) { void *r; pthread_join(t[i], &r); ok += (long)r; }
    printf("threads with private tls=%ld\n", ok);
    printf("main tls unchanged: counter=%d name=%s\n", tls_counter, tls_name);
    printf("once runs=%d\n", once_runs);
    printf("destructor sum=%d\n", destructor_runs);
    printf("main getspecific NULL=%d\n", pthread_getspecific(key) == NULL);
    pthread_key_delete(key);
    return 0;
}
