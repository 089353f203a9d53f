// fork + pipe + waitpid: child writes to the parent through a pipe and exits with a status the parent decodes.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void) {
    int p[2];
    pipe(p);
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) { printf("fork failed\n"); return 1; }
    if (pid == 0) {
        close(p[0]);
        char msg[64];
        int n = snprintf(msg, sizeof msg, "hello from child, ppid matches=%d", getppid() > 0);
        write(p[1], msg, (size_t)n);
        close(p[1]);
        _exit(17);
    }
    close(p[1]);
    char buf[128] = {0};
    size_t got = 0;
    ssize_t r;
    while ((r = read(p[0], buf + got, sizeof buf - 1 - got)) > 0) got += (size_t)r;
    close(p[0]);
    int status = 0;
    pid_t w = waitpid(pid, &status, 0);
    printf("parent read: [%s]\n", buf);
    printf("waitpid matched=%d exited=%d status=%d\n", w == pid, WIFEXITED(status), WEXITSTATUS(status));
    /* several children, reaped in any order, statuses summed */
    int sum = 0;
    for (int i = 1; i <= 5; i++) {
        fflush(stdout);
        pid_t c = fork();
        if (c == 0) _exit(i * 10);
    }
    for (int i = 0; i < 5; i++) {
        int st;
        if (wait(&st) > 0 && WIFEXITED(st)) sum += WEXITSTATUS(st);
    }
    printf("sum of child statuses=%d\n", sum);
    /* memory is copied, not shared */
    int *v = malloc(sizeof *v);
    *v = 1;
    fflush(stdout);
    pid_t c = fork();
    if (c == 0) { *v = 99; _exit(*v == 99 ? 0 : 1); }
    int st;
    waitpid(c, &st, 0);
    printf("child modified its copy: exit=%d parent value=%d\n", WEXITSTATUS(st), *v);
    free(v);
    return 0;
}
