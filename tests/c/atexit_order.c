// atexit handlers run in reverse registration order after main returns; buffered output is flushed. Exits 3.
#include <stdio.h>
#include <stdlib.h>

static void h1(void) { printf("handler 1 (registered first, runs last)\n"); }
static void h2(void) { printf("handler 2\n"); }
static void h3(void) { printf("handler 3 (registered last, runs first)\n"); }
static void late(void) { printf("handler registered from a handler\n"); }
static void registrar(void) { printf("registrar runs\n"); atexit(late); }

int main(void) {
    printf("atexit=%d\n", atexit(h1));
    atexit(registrar);
    atexit(h2);
    atexit(h3);
    for (int i = 0; i < 40; i++) atexit(h2);
    printf("main done; returning 3 with unflushed output");
    return 3;
}
