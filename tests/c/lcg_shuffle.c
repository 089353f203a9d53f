// Deterministic pseudo-randomness with our own generators (never printing libc rand() values, which differ).
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>

static uint64_t state = 0x853c49e6748fea9bULL;
static uint32_t pcg32(void) {
    uint64_t old = state;
    state = old * 6364136223846793005ULL + 1442695040888963407ULL;
    uint32_t xs = (uint32_t)(((old >> 18) ^ old) >> 27);
    uint32_t rot = (uint32_t)(old >> 59);
    return (xs >> rot) | (xs << ((-rot) & 31));
}

int main(void) {
    for (int i = 0; i < 8; i++) printf("%08x ", pcg32());
    printf("\n");
    int deck[52];
    for (int i = 0; i < 52; i++) deck[i] = i;
    for (int i = 51; i > 0; i--) {
        int j = (int)(pcg32() % (uint32_t)(i + 1));
        int t = deck[i]; deck[i] = deck[j]; deck[j] = t;
    }
    for (int i = 0; i < 52; i++) printf("%d%c", deck[i], i == 51 ? '\n' : ',');
    unsigned hist[10] = {0};
    for (int i = 0; i < 100000; i++) hist[pcg32() % 10]++;
    for (int i = 0; i < 10; i++) printf("%u ", hist[i]);
    printf("\n");
    double pi_in = 0;
    for (int i = 0; i < 200000; i++) {
        double x = pcg32() / 4294967296.0, y = pcg32() / 4294967296.0;
        if (x * x + y * y < 1) pi_in++;
    }
    printf("monte carlo pi %.6f\n", 4 * pi_in / 200000);
    /* libc rand(): only properties, not values */
    srand(42);
    int first[5];
    for (int i = 0; i < 5; i++) first[i] = rand();
    srand(42);
    int same = 1, inrange = 1;
    for (int i = 0; i < 5; i++) if (rand() != first[i]) same = 0;
    for (int i = 0; i < 1000; i++) { int r = rand(); if (r < 0 || r > RAND_MAX) inrange = 0; }
    printf("rand reproducible=%d in range=%d RAND_MAX>=32767=%d\n", same, inrange, RAND_MAX >= 32767);
    unsigned short xsub[3] = {1, 2, 3};
    long v = nrand48(xsub);
    printf("nrand48 in range=%d\n", v >= 0 && v < (1L << 31));
    return 0;
}
