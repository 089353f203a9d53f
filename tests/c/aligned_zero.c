// Empty and tiny blocks with large alignments (aligned_alloc, posix_memalign,
// sizes 0..2, alignments 32..8192) between live small blocks: freeing them
// must free nothing else. Regression: aligned_alloc(4096, 0) returned the end
// of its one-page mapping, which could be a live slab's first block, and
// free() then put that block on the slab's free list.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIVE 3000
#define EMPTY 400

static unsigned char *live[LIVE];
static void *empty[EMPTY];

static void fill(unsigned char *p, int k) { memset(p, (unsigned char)k, 3000); }
static int intact(const unsigned char *p, int k) {
    for (int i = 0; i < 3000; i++) if (p[i] != (unsigned char)k) return 0;
    return 1;
}

int main(void) {
    long bad = 0;
    for (int k = 0; k < LIVE; k++) { live[k] = malloc(3000); if (!live[k]) return 1; fill(live[k], k); }
    for (int round = 0; round < 6; round++) {
        /* Free a third of the small blocks, so their slabs have room... */
        for (int k = round % 3; k < LIVE; k += 3) { free(live[k]); live[k] = 0; }
        /* ...hold many aligned empty blocks at once, so they fill the gaps
         * between mappings, then free them... */
        for (int i = 0; i < EMPTY; i++) {
            /* Every other round only page-aligned empty blocks: one page
             * each, they fill the free pages right before slabs too. */
            size_t align = round % 2 ? 4096 : (size_t)32 << (i % 9), n = round % 2 ? 0 : (size_t)(i / 9) % 3;
            if (i % 2) empty[i] = aligned_alloc(align, n);
            else if (posix_memalign(&empty[i], align, n)) empty[i] = 0;
            if (!empty[i] || ((uintptr_t)empty[i] & (align - 1))) bad++;
        }
        for (int i = 0; i < EMPTY; i++) free(empty[i]);
        /* ...and the small blocks allocated now must not be live ones. */
        for (int k = round % 3; k < LIVE; k += 3) { live[k] = malloc(3000); if (!live[k]) return 1; fill(live[k], k); }
        for (int k = 0; k < LIVE; k++) bad += !intact(live[k], k);
    }
    for (int k = 0; k < LIVE; k++) free(live[k]);
    printf("aligned empty blocks: %s\n", bad ? "BAD" : "ok");
    return bad != 0;
}
