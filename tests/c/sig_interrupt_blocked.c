// A thread blocked in read() and one blocked in a futex wait are each
// interrupted by a handled signal (no SA_RESTART): the call fails with EINTR
// after the handler ran.
#define _GNU_SOURCE
#include <errno.h>
#define FUTEX_WAIT 0 /* <linux/futex.h> is not part of every sysroot */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

static volatile sig_atomic_t handled;
static void on_usr1(int sig) { (void)sig; handled++; }

static int pfd[2];
static volatile int blocked;
static int futex_word;

static void *reader(void *arg) {
    (void)arg;
    char c;
    blocked = 1;
    long r = read(pfd[0], &c, 1);
    int e = errno;
    printf("read: ret=%ld EINTR=%d handled=%d\n", r, e == EINTR, (int)handled);
    return NULL;
}

static void *waiter(void *arg) {
    (void)arg;
    blocked = 2;
    long r = syscall(SYS_futex, &futex_word, FUTEX_WAIT, 0, NULL, NULL, 0);
    int e = errno;
    printf("futex: ret=%ld EINTR=%d handled=%d\n", r, e == EINTR, (int)handled);
    return NULL;
}

static void interrupt(void *(*fn)(void *), int which) {
    pthread_t t;
    blocked = 0;
    pthread_create(&t, NULL, fn, NULL);
    while (blocked != which) usleep(1000);
    usleep(50000); /* let it block */
    pthread_kill(t, SIGUSR1);
    pthread_join(t, NULL);
}

int main(void) {
    struct sigaction sa = {0};
    sa.sa_handler = on_usr1; /* no SA_RESTART */
    sigaction(SIGUSR1, &sa, NULL);
    if (pipe(pfd) != 0) return 1;
    interrupt(reader, 1);
    interrupt(waiter, 2);
    return handled == 2 ? 0 : 1;
}
