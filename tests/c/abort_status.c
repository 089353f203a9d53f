// abort() terminates the process with SIGABRT (the harness sees status 134); stdout written earlier is flushed first.
#include <stdio.h>
#include <stdlib.h>

int main(void) {
    printf("before abort\n");
    fflush(stdout);
    abort();
}
