// SIGCHLD handler counts exiting children; the parent waits with sigsuspend and reaps with waitpid(WNOHANG).
#include <stdio.h>
#include <signal.h>
#include <unistd.h>
#include <sys/wait.h>

static volatile sig_atomic_t chld;

static void on_chld(int sig) { (void)sig; chld++; }

int main(void) {
    struct sigaction sa = {0};
    sa.sa_handler = on_chld;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGCHLD, &sa, NULL);
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGCHLD);
    sigprocmask(SIG_BLOCK, &block, &old);
    int reaped = 0, sum = 0;
    for (int i = 1; i <= 3; i++) {
        fflush(stdout);
        if (fork() == 0) _exit(i);
    }
    while (reaped < 3) {
        int st;
        pid_t p;
        while ((p = waitpid(-1, &st, WNOHANG)) > 0) { reaped++; sum += WEXITSTATUS(st); }
        if (reaped < 3) sigsuspend(&old);
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("reaped=%d sum=%d handler ran=%d\n", reaped, sum, chld > 0);
    /* with SIG_IGN for SIGCHLD children are reaped automatically: wait reports ECHILD */
    signal(SIGCHLD, SIG_IGN);
    fflush(stdout);
    if (fork() == 0) _exit(0);
    int st;
    pid_t w = wait(&st);
    printf("wait with SIGCHLD ignored returned -1: %d\n", w == -1);
    return 0;
}
