// pthread_create/join with arguments and return values, pthread_self/equal, detached thread, attributes.
#include <stdio.h>
#include <stdlib.h>
#include <pthread.h>
#include <unistd.h>

static void *square(void *arg) {
    long v = (long)arg;
    return (void *)(v * v);
}

static void *sum_range(void *arg) {
    long *r = arg;
    long s = 0;
    for (long i = r[0]; i < r[1]; i++) s += i;
    r[2] = s;
    return NULL;
}

static volatile int detached_done;
static void *detached(void *arg) { (void)arg; detached_done = 1; return NULL; }
static pthread_t main_id;
static void *check_self(void *arg) { (void)arg; return (void *)(long)pthread_equal(pthread_self(), main_id); }

int main(void) {
    pthread_t t[8];
    for (long i = 0; i < 8; i++) pthread_create(&t[i], NULL, square, (void *)i);
    long total = 0;
    for (int i = 0; i < 8; i++) { void *rv; pthread_join(t[i], &rv); total += (long)rv; }
    printf("sum of squares=%ld\n", total);
    long ranges[4][3];
    for (int i = 0; i < 4; i++) { ranges[i][0] = i * 250000L; ranges[i][1] = (i + 1) * 250000L; }
    for (int i = 0; i < 4; i++) pthread_create(&t[i], NULL, sum_range, ranges[i]);
    long s = 0;
    for (int i = 0; i < 4; i++) { pthread_join(t[i], NULL); s += ranges[i][2]; }
    printf("parallel sum=%ld\n", s);
    main_id = pthread_self();
    void *rv;
    pthread_create(&t[0], NULL, check_self, NULL);
    pthread_join(t[0], &rv);
    printf("thread sees different self=%d main equal to itself=%d\n", (long)rv == 0, pthread_equal(main_id, pthread_self()) != 0);
    pthread_attr_t at;
    pthread_attr_init(&at);
    pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&at, 256 * 1024);
    size_t ss;
    pthread_attr_getstacksize(&at, &ss);
    printf("stacksize attr=%zu\n", ss);
    pthread_t d;
    printf("create detached=%d\n", pthread_create(&d, &at, detached, NULL));
    pthread_attr_destroy(&at);
    for (int i = 0; i < 500 && !detached_done; i++) usleep(2000);
    printf("detached ran=%d\n", detached_done);
    return 0;
}
