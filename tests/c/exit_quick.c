// quick_exit runs at_quick_exit handlers (not atexit ones); EXIT_FAILURE is 1.
#include <stdio.h>
#include <stdlib.h>

static void qh(void) { printf("quick handler\n"); fflush(stdout); }
static void ah(void) { printf("atexit handler must not run\n"); }

int main(void) {
    atexit(ah);
    at_quick_exit(qh);
    printf("EXIT_SUCCESS=%d EXIT_FAILURE=%d\n", EXIT_SUCCESS, EXIT_FAILURE);
    fflush(stdout);
    quick_exit(EXIT_FAILURE);
}
