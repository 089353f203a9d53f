// Fragmentation pattern: many small blocks, free every other one, then larger blocks, verify all contents.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N 20000

int main(void) {
    static char *small[N];
    static char *large[N / 2];
    unsigned long bad = 0;
    for (int i = 0; i < N; i++) {
        small[i] = malloc(16 + i % 48);
        memset(small[i], i & 0x7f, 16 + i % 48);
    }
    for (int i = 0; i < N; i += 2) { free(small[i]); small[i] = NULL; }
    for (int i = 0; i < N / 2; i++) {
        size_t sz = 100 + (size_t)(i % 50) * 10;
        large[i] = malloc(sz);
        memset(large[i], (i * 3) & 0x7f, sz);
    }
    for (int i = 1; i < N; i += 2)
        for (int k = 0; k < 16 + i % 48; k++) if (small[i][k] != (i & 0x7f)) { bad++; break; }
    for (int i = 0; i < N / 2; i++) {
        size_t sz = 100 + (size_t)(i % 50) * 10;
        for (size_t k = 0; k < sz; k++) if (large[i][k] != ((i * 3) & 0x7f)) { bad++; break; }
    }
    /* grow the survivors with realloc while interleaving frees */
    for (int i = 1; i < N; i += 2) {
        small[i] = realloc(small[i], 200 + i % 100);
        if (small[i][0] != (i & 0x7f)) bad++;
        if (i / 2 < N / 2) { free(large[i / 2]); large[i / 2] = NULL; }
    }
    unsigned long sum = 0;
    for (int i = 1; i < N; i += 2) { sum += (unsigned char)small[i][15]; free(small[i]); }
    printf("bad=%lu sum=%lu\n", bad, sum);
    /* many rounds of alloc/free of the same size class */
    for (int r = 0; r < 100; r++) {
        void *v[100];
        for (int i = 0; i < 100; i++) v[i] = malloc(1000 + r);
        for (int i = 99; i >= 0; i--) free(v[i]);
    }
    printf("rounds done\n");
    return bad ? 1 : 0;
}
