// Signals sent to a thread the moment it is created: pthread_cancel of a
// thread about to block, and pthread_kill with a handler, 400 times each.
// The engine used to run the handler (musl's cancellation handler, or the
// program's) before the new thread's start routine had set up its stack,
// and stopped with "the module has no function table" about 3 % of the time.
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <unistd.h>

static atomic_int handled;
static atomic_int go;

static void on_usr1(int sig) { (void)sig; atomic_fetch_add(&handled, 1); }

static void *blocked(void *arg) {
    (void)arg;
    for (;;) sleep(10); // a cancellation point
    return NULL;
}

static void *waits(void *arg) {
    (void)arg;
    while (!atomic_load(&go)) usleep(100);
    return NULL;
}

int main(void) {
    int canceled = 0;
    for (int i = 0; i < 400; i++) {
        pthread_t t;
        void *res = NULL;
        if (pthread_create(&t, NULL, blocked, NULL) || pthread_cancel(t) || pthread_join(t, &res)) break;
        canceled += res == PTHREAD_CANCELED;
    }
    printf("canceled at start: %d/400\n", canceled);

    signal(SIGUSR1, on_usr1);
    int sent = 0;
    for (int i = 0; i < 400; i++) {
        pthread_t t;
        atomic_store(&go, 0);
        if (pthread_create(&t, NULL, waits, NULL)) break;
        sent += pthread_kill(t, SIGUSR1) == 0;
        atomic_store(&go, 1);
        pthread_join(t, NULL);
    }
    printf("signaled at start: %d sent, %d handled\n", sent, atomic_load(&handled));
    return 0;
}
