// Raw read(2) on stdin in odd-sized chunks, then byte statistics (the harness feeds stdin_read.stdin).
#include <stdio.h>
#include <unistd.h>

int main(void) {
    unsigned char buf[37];
    unsigned long total = 0, lines = 0, hash = 5381;
    unsigned long hist[4] = {0};
    ssize_t n;
    while ((n = read(0, buf, sizeof buf)) > 0) {
        for (ssize_t i = 0; i < n; i++) {
            hash = hash * 33 + buf[i];
            if (buf[i] == '\n') lines++;
            hist[buf[i] >> 6]++;
        }
        total += (unsigned long)n;
    }
    printf("read returned %zd at end\n", n);
    printf("bytes=%lu lines=%lu hash=%lx\n", total, lines, hash);
    printf("hist %lu %lu %lu %lu\n", hist[0], hist[1], hist[2], hist[3]);
    n = read(0, buf, sizeof buf);
    printf("read after EOF: %zd\n", n);
    return 0;
}
