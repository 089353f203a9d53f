// memfd_create + ftruncate + two shared mappings of the same memfd, seals.
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>

int main(void) {
    int fd = memfd_create("corpus", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (fd < 0) { printf("memfd_create failed\n"); return 1; }
    printf("memfd ok=%d cloexec=%d\n", fd >= 0, (fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0);
    printf("ftruncate=%d\n", ftruncate(fd, 1 << 20));
    struct stat st;
    fstat(fd, &st);
    printf("size=%ld regular=%d\n", (long)st.st_size, S_ISREG(st.st_mode));
    char *a = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    char *b = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    printf("two mappings ok=%d distinct=%d\n", a != MAP_FAILED && b != MAP_FAILED, a != b);
    if (a == MAP_FAILED || b == MAP_FAILED) return 2;
    strcpy(a + 5000, "written through a");
    printf("visible through b: [%s]\n", b + 5000);
    b[(1 << 20) - 1] = 'Z';
    char c = 0;
    pread(fd, &c, 1, (1 << 20) - 1);
    printf("visible through pread: %c\n", c);
    pwrite(fd, "PW", 2, 0);
    printf("pwrite visible in a: %.2s\n", a);
    printf("add seal=%d\n", fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK));
    printf("seals has SHRINK=%d\n", (fcntl(fd, F_GET_SEALS) & F_SEAL_SHRINK) != 0);
    printf("shrink blocked=%d\n", ftruncate(fd, 100) == -1);
    munmap(a, 1 << 20);
    munmap(b, 1 << 20);
    close(fd);
    return 0;
}
