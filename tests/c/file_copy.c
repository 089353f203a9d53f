// Kernel-side copies: sendfile, copy_file_range, splice through a pipe, tee; plus fallocate and posix_fadvise.
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/sendfile.h>
#include <sys/stat.h>

static unsigned long sum_file(const char *p) {
    int fd = open(p, O_RDONLY);
    unsigned char buf[4096];
    unsigned long s = 0;
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0)
        for (ssize_t i = 0; i < n; i++) s = s * 131 + buf[i];
    close(fd);
    return s;
}

int main(void) {
    char dir[] = "/tmp/corpus-copy-XXXXXX";
    if (!mkdtemp(dir) || chdir(dir) != 0) return 1;
    int src = open("src", O_CREAT | O_RDWR | O_TRUNC, 0644);
    char *data = malloc(300000);
    for (int i = 0; i < 300000; i++) data[i] = (char)(i * 13 + i / 1000);
    write(src, data, 300000);
    int dst = open("dst1", O_CREAT | O_WRONLY | O_TRUNC, 0644);
    off_t off = 1000;
    ssize_t total = 0, n;
    while ((n = sendfile(dst, src, &off, 65536)) > 0) total += n;
    printf("sendfile total=%zd off=%ld last=%zd\n", total, (long)off, n);
    close(dst);
    printf("dst1 matches: %d\n", sum_file("dst1") != 0);
    dst = open("dst2", O_CREAT | O_WRONLY | O_TRUNC, 0644);
    loff_t in = 0, out = 0;
    total = 0;
    while ((n = copy_file_range(src, &in, dst, &out, 100000, 0)) > 0) total += n;
    close(dst);
    printf("copy_file_range total=%zd last=%zd equal=%d\n", total, n, sum_file("dst2") == sum_file("src"));
    int p[2];
    pipe(p);
    dst = open("dst3", O_CREAT | O_WRONLY | O_TRUNC, 0644);
    loff_t so = 0;
    total = 0;
    while (1) {
        ssize_t a = splice(src, &so, p[1], NULL, 32768, 0);
        if (a <= 0) break;
        ssize_t moved = 0;
        while (moved < a) {
            ssize_t b = splice(p[0], NULL, dst, NULL, (size_t)(a - moved), 0);
            if (b <= 0) break;
            moved += b;
        }
        total += moved;
    }
    close(dst);
    printf("splice total=%zd equal=%d\n", total, sum_file("dst3") == sum_file("src"));
    int q[2];
    pipe(q);
    write(p[1], "tee-data", 8);
    ssize_t t = tee(p[0], q[1], 8, 0);
    char a[9] = {0}, b[9] = {0};
    read(p[0], a, 8);
    if (t > 0) read(q[0], b, (size_t)t); /* never block when tee failed */
    printf("tee=%zd [%s] [%s]\n", t, a, b);
    int fa = open("alloc", O_CREAT | O_RDWR | O_TRUNC, 0644);
    int fr = posix_fallocate(fa, 0, 123456);
    struct stat st;
    fstat(fa, &st);
    printf("posix_fallocate=%d size=%ld\n", fr, (long)st.st_size);
    printf("posix_fadvise=%d\n", posix_fadvise(fa, 0, 0, POSIX_FADV_SEQUENTIAL));
    close(fa);
    close(src);
    unlink("src"); unlink("dst1"); unlink("dst2"); unlink("dst3"); unlink("alloc");
    chdir("/");
    printf("rmdir=%d\n", rmdir(dir));
    free(data);
    return 0;
}
