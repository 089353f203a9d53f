// Large amounts of stdout through a pipe: many printf calls, long lines, and fwrite of a big block.
#include <stdio.h>
#include <string.h>

int main(void) {
    unsigned h = 2166136261u;
    for (int i = 0; i < 20000; i++) {
        h = (h ^ (unsigned)i) * 16777619u;
        printf("%05d %08x %s\n", i, h, (i % 7) ? "data" : "seven");
    }
    static char block[200000];
    for (size_t i = 0; i < sizeof block; i++) block[i] = (i % 64 == 63) ? '\n' : (char)('A' + i % 26);
    size_t w = fwrite(block, 1, sizeof block, stdout);
    printf("\nwrote %zu\n", w);
    return 0;
}
