// FUTEX_WAIT/FUTEX_WAKE results the engine's polling must not change: EAGAIN
// when the word differs at the call, ETIMEDOUT for short and longer timeouts
// on an unchanged word, 0 after a real wake-up (early or late), and wake
// counts. (A word changed without a wake may end a wait early, as any
// spurious wake-up; futex users re-check, and this test does not rely on it.)
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

// From <linux/futex.h>, which a libc sysroot need not ship.
#define FUTEX_WAIT_PRIVATE 128
#define FUTEX_WAKE_PRIVATE 129

static _Atomic int word;
static _Atomic int waited; // the main thread's wait is over

static long fwait(int val, long ns) {
    struct timespec t = { ns / 1000000000, ns % 1000000000 };
    long r = syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, val, ns >= 0 ? &t : NULL, NULL, 0);
    return r < 0 ? -errno : r;
}

static long fwake(int n) {
    return syscall(SYS_futex, &word, FUTEX_WAKE_PRIVATE, n, NULL, NULL, 0);
}

static void sleep_us(long us) {
    struct timespec t = { 0, us * 1000 };
    nanosleep(&t, NULL);
}

static void *waker(void *arg) {
    sleep_us((long)arg);
    atomic_store(&word, 1);
    // Until it wakes the waiter, or the waiter is gone (it saw the word change).
    while (fwake(1) == 0 && !atomic_load(&waited)) sleep_us(100);
    return NULL;
}

int main(void) {
    printf("mismatch: %s\n", fwait(1, -1) == -EAGAIN ? "EAGAIN" : "other");
    printf("timeout 10us: %s\n", fwait(0, 10000) == -ETIMEDOUT ? "ETIMEDOUT" : "other");
    printf("timeout 5ms: %s\n", fwait(0, 5000000) == -ETIMEDOUT ? "ETIMEDOUT" : "other");
    printf("wake nobody: %ld\n", fwake(10));
    long delays[] = { 0, 20, 200, 30000 };
    for (int i = 0; i < 4; i++) {
        atomic_store(&word, 0);
        atomic_store(&waited, 0);
        pthread_t t;
        pthread_create(&t, NULL, waker, (void *)delays[i]);
        long r;
        do r = fwait(0, -1); while (r == 0 && atomic_load(&word) == 0);
        atomic_store(&waited, 1);
        pthread_join(t, NULL);
        printf("woken after %ldus: %s, word %d\n", delays[i],
               r == 0 || r == -EAGAIN ? "ok" : "error", atomic_load(&word));
    }
    return 0;
}
