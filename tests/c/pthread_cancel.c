// Thread cancellation at a blocking read, cleanup handlers, pthread_exit values, PTHREAD_CANCELED.
#include <stdio.h>
#include <pthread.h>
#include <unistd.h>

static int pfd[2];
static int cleanups;
static void cleanup(void *arg) { cleanups += (int)(long)arg; }

static void *blocker(void *arg) {
    (void)arg;
    pthread_cleanup_push(cleanup, (void *)10);
    pthread_cleanup_push(cleanup, (void *)1);
    char c;
    read(pfd[0], &c, 1); /* cancellation point; blocks forever */
    pthread_cleanup_pop(0);
    pthread_cleanup_pop(0);
    return NULL;
}

static void *exiter(void *arg) {
    (void)arg;
    pthread_cleanup_push(cleanup, (void *)100);
    pthread_exit((void *)42);
    pthread_cleanup_pop(0);
    return NULL;
}

static void *disabled(void *arg) {
    (void)arg;
    int old;
    pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &old);
    usleep(50000);
    pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, &old);
    pthread_testcancel();
    return (void *)7;
}

int main(void) {
    pipe(pfd);
    pthread_t t;
    pthread_create(&t, NULL, blocker, NULL);
    usleep(20000);
    printf("cancel=%d\n", pthread_cancel(t));
    void *rv;
    pthread_join(t, &rv);
    printf("canceled=%d cleanups=%d\n", rv == PTHREAD_CANCELED, cleanups);
    pthread_create(&t, NULL, exiter, NULL);
    pthread_join(t, &rv);
    printf("pthread_exit value=%ld cleanups=%d\n", (long)rv, cleanups);
    pthread_create(&t, NULL, disabled, NULL);
    usleep(10000);
    pthread_cancel(t);
    pthread_join(t, &rv);
    printf("deferred until enabled: canceled=%d\n", rv == PTHREAD_CANCELED);
    return 0;
}
