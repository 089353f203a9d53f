/* Self-checking thread test (run by toolchain/test-toolchain): creation on
 * __wasm_thread_spawn, per-thread TLS, mutexes and condition variables on
 * futexes, join, detached threads, and cancellation of a blocked thread.
 * Prints "threads ok". */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

#define N 4
static _Thread_local int tls_value = 5;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int counter, finished;

static void *worker(void *arg)
{
	int id = (int)(long)arg;
	tls_value += id;
	for (int i = 0; i < 10000; i++) {
		pthread_mutex_lock(&mu);
		counter++;
		pthread_mutex_unlock(&mu);
	}
	pthread_mutex_lock(&mu);
	finished++;
	pthread_cond_broadcast(&cv);
	pthread_mutex_unlock(&mu);
	return (void *)(long)tls_value;
}

static void *blocked(void *arg)
{
	for (;;) sleep(1);
	return arg;
}

int main(void)
{
	pthread_t t[N];
	int failures = 0;
	for (long i = 0; i < N; i++)
		if (pthread_create(&t[i], 0, worker, (void *)i)) {
			perror("pthread_create");
			return 1;
		}
	pthread_mutex_lock(&mu);
	while (finished < N) pthread_cond_wait(&cv, &mu);
	pthread_mutex_unlock(&mu);
	long sum = 0;
	for (int i = 0; i < N; i++) {
		void *r;
		if (pthread_join(t[i], &r)) failures++;
		sum += (long)r;
	}
	if (counter != N * 10000) { printf("counter %d\n", counter); failures++; }
	if (sum != 5 * N + N * (N - 1) / 2) { printf("tls sum %ld\n", sum); failures++; }
	if (tls_value != 5) { printf("main tls %d\n", tls_value); failures++; }

	/* detached threads come and go */
	pthread_attr_t a;
	pthread_attr_init(&a);
	pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
	for (long i = 0; i < 8; i++) {
		pthread_t d;
		if (pthread_create(&d, &a, worker, (void *)i)) failures++;
	}
	pthread_mutex_lock(&mu);
	while (finished < N + 8) pthread_cond_wait(&cv, &mu);
	pthread_mutex_unlock(&mu);

	/* cancel a thread blocked in sleep() */
	pthread_t s;
	void *res = 0;
	if (pthread_create(&s, 0, blocked, 0) || pthread_cancel(s) || pthread_join(s, &res) || res != PTHREAD_CANCELED) {
		printf("cancel failed\n");
		failures++;
	}
	printf(failures ? "threads FAILED\n" : "threads ok\n");
	return failures != 0;
}
