// Takes memory 1 MiB at a time, touching it, until malloc fails or it has
// 1100 MiB; prints how much it got.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX 1100
static char *volatile keep[MAX];

int main(void) {
    int mib = 0;
    for (char *p; mib < MAX && (p = malloc(1 << 20)); mib++) {
        memset(p, 1, 1 << 20);
        keep[mib] = p;
    }
    printf("got %d MiB\n", mib);
    return 0;
}
