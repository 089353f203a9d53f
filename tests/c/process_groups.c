// fork with process groups and job-control signals: setpgid, SIGSTOP/SIGCONT seen by waitpid, kill(-pgid), WTERMSIG.
#include <stdio.h>
#include <signal.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void) {
    fflush(stdout);
    pid_t c = fork();
    if (c == 0) {
        setpgid(0, 0);
        raise(SIGSTOP);
        for (;;) pause();
    }
    setpgid(c, c); /* also from the parent: avoids the race */
    int st;
    pid_t w = waitpid(c, &st, WUNTRACED);
    printf("stopped: match=%d WIFSTOPPED=%d sig=SIGSTOP:%d\n", w == c, WIFSTOPPED(st), WSTOPSIG(st) == SIGSTOP);
    printf("child pgid is its pid=%d differs from ours=%d\n", getpgid(c) == c, getpgid(c) != getpgrp());
    kill(c, SIGCONT);
    w = waitpid(c, &st, WCONTINUED);
    printf("continued: WIFCONTINUED=%d\n", WIFCONTINUED(st));
    w = waitpid(c, &st, WNOHANG);
    printf("still running: WNOHANG returns 0: %d\n", w == 0);
    kill(-c, SIGTERM);
    w = waitpid(c, &st, 0);
    printf("terminated: WIFSIGNALED=%d WTERMSIG=SIGTERM:%d\n", WIFSIGNALED(st), WTERMSIG(st) == SIGTERM);
    /* a child killed by SIGKILL, and one exiting normally, reaped by pid */
    fflush(stdout);
    pid_t a = fork();
    if (a == 0) for (;;) pause();
    pid_t b = fork();
    if (b == 0) _exit(33);
    kill(a, SIGKILL);
    int sa, sb;
    waitpid(b, &sb, 0);
    waitpid(a, &sa, 0);
    printf("a killed by SIGKILL=%d b exit=%d\n", WIFSIGNALED(sa) && WTERMSIG(sa) == SIGKILL, WEXITSTATUS(sb));
    return 0;
}
