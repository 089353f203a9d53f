// exit(300) is truncated to 44 by the kernel; output written before exit is flushed.
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    (void)argv;
    printf("argc=%d, calling exit(300)\n", argc);
    exit(300);
}
