// SIGPIPE keeps its default action: a child writing to a pipe nobody reads is
// killed by it; with SIGPIPE ignored, the write fails with EPIPE instead.
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static int write_to_closed_pipe(void) {
    int p[2];
    if (pipe(p) != 0) return -1;
    close(p[0]);
    pid_t c = fork();
    if (c == 0) {
        ssize_t r = write(p[1], "x", 1);
        _exit(r < 0 && errno == EPIPE ? 3 : 4);
    }
    close(p[1]);
    int st;
    waitpid(c, &st, 0);
    return st;
}

int main(void) {
    int st = write_to_closed_pipe();
    printf("default: signaled=%d sigpipe=%d\n", WIFSIGNALED(st), WIFSIGNALED(st) && WTERMSIG(st) == SIGPIPE);
    signal(SIGPIPE, SIG_IGN);
    st = write_to_closed_pipe();
    printf("ignored: exited=%d status=%d\n", WIFEXITED(st), WEXITSTATUS(st));
    return 0;
}
