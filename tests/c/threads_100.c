// 100 threads alive at once (they meet at a barrier), then joined; twice.
// No descriptor may leak; resident size before and after goes to stderr.
#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N 100
static pthread_barrier_t barrier;
static int results[N];

static void *work(void *arg) {
    int i = (int)(long)arg;
    pthread_barrier_wait(&barrier);
    results[i] = i * i;
    return (void *)(long)(i + 1);
}

static int count_fds(void) {
    DIR *d = opendir("/proc/self/fd");
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d))) if (e->d_name[0] != '.') n++;
    closedir(d);
    return n - 1;
}

static long rss_kb(void) {
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "VmRSS:", 6) == 0) kb = atol(line + 6);
    fclose(f);
    return kb;
}

static int round_of_threads(void) {
    pthread_t t[N];
    pthread_barrier_init(&barrier, NULL, N);
    int started = 0, joined = 0;
    for (int i = 0; i < N; i++)
        if (pthread_create(&t[i], NULL, work, (void *)(long)i) == 0) started++;
    for (int i = 0; i < started; i++) {
        void *rv;
        if (pthread_join(t[i], &rv) == 0 && (long)rv == i + 1) joined++;
    }
    pthread_barrier_destroy(&barrier);
    return joined;
}

int main(void) {
    int fds = count_fds();
    long rss = rss_kb();
    int a = round_of_threads();
    long rss1 = rss_kb();
    int b = round_of_threads();
    long sum = 0;
    for (int i = 0; i < N; i++) sum += results[i];
    int leaked = count_fds() - fds;
    fprintf(stderr, "threads_100: rss before=%ld kB after round 1=%ld kB after round 2=%ld kB\n", rss, rss1, rss_kb());
    printf("joined=%d,%d sum=%ld fd_leak=%d\n", a, b, sum, leaked);
    return a == N && b == N && leaked == 0 ? 0 : 1;
}
