// A recursion 100,000 calls deep, with locals in memory in every frame: it
// fits a native main thread's default 8 MiB stack, and must fit the Wasm one
// (the engine's stack for Wasm frames and wali-cc's linear stack).
#include <stdio.h>
#include <string.h>

static unsigned long walk(unsigned n, const char *prev)
{
    volatile char frame[40];
    memset((char *)frame, (int)(n & 0x7f), sizeof frame);
    if (n == 0) return (unsigned long)frame[0] + (prev != 0);
    unsigned long below = walk(n - 1, (const char *)frame);
    return below + (unsigned long)frame[n % sizeof frame];
}

int main(void)
{
    printf("depth 100000: %lu\n", walk(100000, 0));
    return 0;
}
