// Waits for SIGTERM; its handler lets main end with status 7.
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

static volatile sig_atomic_t got;
static void on_term(int sig) { got = sig; }

int main(void) {
    struct sigaction sa = {.sa_handler = on_term};
    sigaction(SIGTERM, &sa, 0);
    printf("ready\n");
    fflush(stdout);
    while (!got) pause();
    printf("handler ran for signal %d\n", got);
    return 7;
}
