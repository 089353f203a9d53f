// C11 <threads.h>: thrd_create/join, mtx, cnd, call_once, tss with destructor, thrd_sleep.
#include <stdio.h>
#include <threads.h>
#include <time.h>

static mtx_t m;
static cnd_t c;
static int ready, total;
static once_flag flag = ONCE_FLAG_INIT;
static int once_count;
static tss_t key;
static int dtor_count;

static void once_fn(void) { once_count++; }
static void dtor(void *p) { (void)p; mtx_lock(&m); dtor_count++; mtx_unlock(&m); }

static int worker(void *arg) {
    int id = *(int *)arg;
    call_once(&flag, once_fn);
    tss_set(key, arg);
    mtx_lock(&m);
    while (!ready) cnd_wait(&c, &m);
    total += id;
    mtx_unlock(&m);
    return *(int *)tss_get(key) * 2;
}

int main(void) {
    mtx_init(&m, mtx_plain);
    cnd_init(&c);
    tss_create(&key, dtor);
    thrd_t t[5];
    int ids[5] = {1, 2, 3, 4, 5};
    for (int i = 0; i < 5; i++) thrd_create(&t[i], worker, &ids[i]);
    struct timespec d = {0, 10 * 1000 * 1000};
    thrd_sleep(&d, NULL);
    mtx_lock(&m);
    ready = 1;
    cnd_broadcast(&c);
    mtx_unlock(&m);
    int sum = 0;
    for (int i = 0; i < 5; i++) { int r = 0; thrd_join(t[i], &r); sum += r; }
    printf("total=%d results=%d once=%d dtors=%d\n", total, sum, once_count, dtor_count);
    printf("thrd_equal self=%d\n", thrd_equal(thrd_current(), thrd_current()) != 0);
    tss_delete(key);
    cnd_destroy(&c);
    mtx_destroy(&m);
    return 0;
}
