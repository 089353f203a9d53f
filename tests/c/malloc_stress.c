// malloc/free stress: many sizes from a fixed LCG, random free order, content verification with checksums.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

static uint64_t seed = 12345;
static uint32_t lcg(void) { seed = seed * 6364136223846793005ULL + 1442695040888963407ULL; return (uint32_t)(seed >> 33); }

#define SLOTS 4096
static unsigned char *ptrs[SLOTS];
static size_t sizes[SLOTS];

static void fill(int i) {
    for (size_t k = 0; k < sizes[i]; k++) ptrs[i][k] = (unsigned char)(i * 31 + k);
}
static int check(int i) {
    for (size_t k = 0; k < sizes[i]; k++) if (ptrs[i][k] != (unsigned char)(i * 31 + k)) return 0;
    return 1;
}

int main(void) {
    unsigned long ops = 0, bad = 0, allocated_total = 0;
    for (int round = 0; round < 200000; round++) {
        int i = (int)(lcg() % SLOTS);
        if (ptrs[i]) {
            if (!check(i)) bad++;
            free(ptrs[i]);
            ptrs[i] = NULL;
        } else {
            uint32_t r = lcg();
            size_t sz;
            switch (r % 10) {
            case 0: sz = 0; break;
            case 1: case 2: case 3: case 4: sz = 1 + r % 64; break;
            case 5: case 6: case 7: sz = 64 + r % 1024; break;
            case 8: sz = 1024 + r % 16384; break;
            default: sz = (r % 97 == 0) ? 200000 + r % 300000 : 16384 + r % 65536; break;
            }
            ptrs[i] = malloc(sz ? sz : 1);
            if (!ptrs[i]) { printf("malloc(%zu) failed\n", sz); return 1; }
            sizes[i] = sz;
            allocated_total += sz;
            fill(i);
            if (((uintptr_t)ptrs[i] & 15) != 0 && sz >= 16) bad++;
        }
        ops++;
    }
    for (int i = 0; i < SLOTS; i++) if (ptrs[i]) { if (!check(i)) bad++; free(ptrs[i]); }
    printf("ops=%lu allocated_total=%lu bad=%lu\n", ops, allocated_total, bad);
    /* free(NULL) is a no-op */
    free(NULL);
    printf("free(NULL) ok\n");
    return bad ? 1 : 0;
}
