// Anonymous mmap: large mappings, page touching, munmap of a middle part, mprotect, MADV_DONTNEED, MAP_FIXED inside own mapping.
#include <stdio.h>
#include <string.h>
#include <stdint.h>
#include <unistd.h>
#include <errno.h>
#include <sys/mman.h>

int main(void) {
    long pg = sysconf(_SC_PAGESIZE);
    printf("pagesize power of two >= 4096: %d\n", pg >= 4096 && (pg & (pg - 1)) == 0);
    size_t len = 16u << 20;
    unsigned char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("mmap ok=%d aligned=%d\n", p != MAP_FAILED, ((uintptr_t)p % (uintptr_t)pg) == 0);
    unsigned long zeros = 0;
    for (size_t i = 0; i < len; i += 4096) zeros += p[i] == 0;
    printf("fresh pages zero: %d\n", zeros == len / 4096);
    for (size_t i = 0; i < len; i++) p[i] = (unsigned char)(i * 7 >> 3);
    unsigned long sum = 0;
    for (size_t i = 0; i < len; i += 997) sum += p[i];
    printf("checksum=%lu\n", sum);
    printf("mprotect read-only=%d\n", mprotect(p, (size_t)pg, PROT_READ));
    printf("still readable: %d\n", p[1] == (unsigned char)(7 >> 3));
    printf("mprotect rw=%d\n", mprotect(p, (size_t)pg, PROT_READ | PROT_WRITE));
    p[0] = 0xAA;
    printf("writable again: %d\n", p[0] == 0xAA);
    printf("madvise DONTNEED=%d\n", madvise(p + 4 * pg, (size_t)pg, MADV_DONTNEED));
    printf("after DONTNEED reads zero: %d, neighbour intact: %d\n", p[4 * pg + 10] == 0,
           p[5 * pg + 10] == (unsigned char)((5 * pg + 10) * 7 >> 3));
    /* MAP_FIXED over part of our own mapping gives fresh zero pages there */
    unsigned char *fx = mmap(p + 8 * pg, (size_t)pg * 2, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    printf("MAP_FIXED at requested address: %d zero: %d\n", fx == p + 8 * pg, fx[100] == 0);
    printf("munmap middle=%d\n", munmap(p + pg * 16, (size_t)pg * 16));
    printf("before/after hole intact: %d %d\n", p[16 * pg - 1] == (unsigned char)((16 * pg - 1) * 7 >> 3),
           p[32 * pg] == (unsigned char)((32 * pg) * 7 >> 3));
    printf("munmap rest=%d %d\n", munmap(p, (size_t)pg * 16), munmap(p + pg * 32, len - (size_t)pg * 32));
    /* many small mappings */
    void *maps[64];
    int ok = 1;
    for (int i = 0; i < 64; i++) {
        maps[i] = mmap(NULL, (size_t)(i + 1) * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (maps[i] == MAP_FAILED) ok = 0;
        else memset(maps[i], i, (size_t)(i + 1) * 4096);
    }
    for (int i = 0; i < 64; i++) {
        if (((unsigned char *)maps[i])[(i + 1) * 4096 - 1] != i) ok = 0;
        munmap(maps[i], (size_t)(i + 1) * 4096);
    }
    printf("64 mappings ok=%d\n", ok);
    errno = 0;
    void *bad = mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("zero-length mmap fails EINVAL: %d\n", bad == MAP_FAILED && errno == EINVAL);
    return 0;
}
