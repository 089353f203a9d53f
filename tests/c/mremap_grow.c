// mremap: grow with MREMAP_MAYMOVE preserving contents, shrink in place, grow without moving when possible.
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

int main(void) {
    size_t pg = (size_t)sysconf(_SC_PAGESIZE);
    size_t len = pg * 4;
    unsigned char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    for (size_t i = 0; i < len; i++) p[i] = (unsigned char)(i % 253);
    int ok = 1;
    for (int step = 0; step < 6; step++) {
        size_t nlen = len * 2;
        unsigned char *q = mremap(p, len, nlen, MREMAP_MAYMOVE);
        if (q == MAP_FAILED) { printf("mremap failed at step %d\n", step); return 1; }
        for (size_t i = 0; i < len; i++) if (q[i] != (unsigned char)(i % 253)) { ok = 0; break; }
        int zero = 1;
        for (size_t i = len; i < nlen; i += pg) if (q[i] != 0) zero = 0;
        for (size_t i = len; i < nlen; i++) q[i] = (unsigned char)(i % 253);
        printf("grow %zu -> %zu pages: preserved=%d new-zero=%d\n", len / pg, nlen / pg, ok, zero);
        p = q;
        len = nlen;
    }
    unsigned char *s = mremap(p, len, pg * 3, 0);
    printf("shrink in place: same=%d intact=%d\n", s == p, s[pg * 3 - 1] == (unsigned char)((pg * 3 - 1) % 253));
    len = pg * 3;
    printf("munmap=%d\n", munmap(s, len));
    return ok ? 0 : 1;
}
