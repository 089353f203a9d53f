// memory.grow and memory.atomic.wait32/wait64/notify as clang emits them for a C
// program (the engine runs them through its own imports): grow's old size, the grown
// pages in use, a wait's not-equal and timed-out results, a thread woken by notify.
// Natively there are no such instructions: that side prints what Wasm defines.
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#ifdef __wasm__
static int32_t word32;
static int64_t word64;
static volatile int woke = -1;

static void *waiter(void *arg) {
    (void)arg;
    woke = __builtin_wasm_memory_atomic_wait32(&word32, 0, -1);
    return NULL;
}

int main(void) {
    size_t before = __builtin_wasm_memory_size(0);
    size_t old = __builtin_wasm_memory_grow(0, 2);
    int grown = old == before && __builtin_wasm_memory_size(0) == before + 2;
    printf("grow: %s\n", grown ? "old size, 2 pages more" : "wrong");
    // Nothing else uses the pages grown by hand: fill and check them.
    char *p = (char *)(before * 65536);
    memset(p, 0x5a, 2 * 65536);
    printf("grown pages: %s\n", p[0] == 0x5a && p[2 * 65536 - 1] == 0x5a ? "usable" : "wrong");
    printf("not equal: %d\n", __builtin_wasm_memory_atomic_wait32(&word32, 1, 0));
    printf("timed out: %d\n", __builtin_wasm_memory_atomic_wait64(&word64, 0, 1000000));
    pthread_t t;
    if (pthread_create(&t, NULL, waiter, NULL) != 0) {
        puts("pthread_create failed");
        return 1;
    }
    // Until the waiter sleeps, notify wakes nobody.
    while (__builtin_wasm_memory_atomic_notify(&word32, 1) == 0) {
    }
    pthread_join(t, NULL);
    printf("woken: %d\n", woke);
    return 0;
}
#else
int main(void) {
    puts("grow: old size, 2 pages more");
    puts("grown pages: usable");
    puts("not equal: 1");
    puts("timed out: 2");
    puts("woken: 0");
    return 0;
}
#endif
