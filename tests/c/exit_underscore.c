// _exit(7) skips stdio flushing (stdout is a pipe, so it is fully buffered) and atexit handlers.
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void handler(void) { printf("atexit handler must not run\n"); }

int main(void) {
    atexit(handler);
    printf("flushed line\n");
    fflush(stdout);
    printf("this buffered text is lost");
    _exit(7);
}
