// A busy loop (no syscalls) receives 1000 SIGUSR1 from a child process and
// counts them all: the child waits for an acknowledgement after each signal,
// so the kernel never coalesces two of them.
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#define N 1000
static volatile sig_atomic_t count;
static void on_usr1(int sig) { (void)sig; count++; }

int main(void) {
    struct sigaction sa = {0};
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, NULL);
    int ack[2];
    if (pipe(ack) != 0) return 1;
    pid_t parent = getpid();
    pid_t child = fork();
    if (child == 0) {
        close(ack[1]);
        for (int i = 0; i < N; i++) {
            char b;
            kill(parent, SIGUSR1);
            if (read(ack[0], &b, 1) != 1) _exit(2);
        }
        _exit(0);
    }
    close(ack[0]);
    int seen = 0;
    while (seen < N) {
        if (count > seen) {
            seen++;
            if (write(ack[1], "x", 1) != 1) return 3;
        }
    }
    int status;
    waitpid(child, &status, 0);
    printf("received=%d child_exit=%d\n", (int)count, WEXITSTATUS(status));
    return count == N ? 0 : 1;
}
