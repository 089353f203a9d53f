// Many descriptors at once: 1,500 files open together (Wasmtime's table has
// no fixed size; only the host's limit on open files stops it), the numbers
// they get, numbers reused after closes (highest freed first), and a stream
// read back from each. Where the host allows fewer open files, both runtimes
// stop at the host's limit (EIO), so only the first failure's errno and
// whether all were opened are printed, not the count.
#include "../common.h"
#include <fcntl.h>
#include <unistd.h>

#define N 1500

int main(void) {
    static int fd[N];
    char path[64], buf[32];
    int got = 0;
    for (; got < N; got++) {
        snprintf(path, sizeof path, "/sandbox/many-%d", got);
        errno = 0;
        fd[got] = open(path, O_CREAT | O_RDWR, 0644);
        if (fd[got] < 0) { printf("open stopped: %s\n", ename(errno)); break; }
        int n = snprintf(buf, sizeof buf, "file %d\n", got);
        if (write(fd[got], buf, n) != n) printf("write %d: %s\n", got, ename(errno));
    }
    printf("opened all %d: %s\n", N, got == N ? "yes" : "no");
    if (got == N) {
        printf("first fd %d, fd 1024th %d, last fd %d\n", fd[0], fd[1023], fd[N - 1]);
        int bad = 0;
        for (int i = 0; i < N; i++) {
            int n = snprintf(path, sizeof path, "file %d\n", i);
            if (pread(fd[i], buf, sizeof buf, 0) != n || memcmp(buf, path, n)) bad++;
        }
        printf("read back: %d bad\n", bad);
        // close three in the middle and the highest: reopens take the highest freed first
        int closed[] = {100, 1200, 1100, N - 1};
        for (int i = 0; i < 4; i++) close(fd[closed[i]]);
        for (int i = 0; i < 5; i++) {
            snprintf(path, sizeof path, "/sandbox/many-%d", i);
            int f = open(path, O_RDONLY);
            printf("reopen %d -> fd %d\n", i, f);
        }
    }
    int stray = 0;
    for (int i = 0; i < got; i++) {
        snprintf(path, sizeof path, "/sandbox/many-%d", i);
        if (unlink(path)) stray++;
    }
    snprintf(path, sizeof path, "/sandbox/many-%d", got);
    if (got < N && unlink(path) == 0) printf("the failed open left its file behind\n");
    printf("unlink failures: %d\n", stray);
    return 0;
}
