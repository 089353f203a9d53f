// fork + execve of /bin/echo (a native program) with stdout redirected into a pipe; exec failure paths.
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <sys/wait.h>

extern char **environ;

int main(void) {
    int p[2];
    pipe(p);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(p[1], 1);
        close(p[0]);
        close(p[1]);
        char *argv[] = {"echo", "exec", "works", NULL};
        execve("/bin/echo", argv, environ);
        _exit(127);
    }
    close(p[1]);
    char buf[128] = {0};
    size_t got = 0;
    ssize_t r;
    while ((r = read(p[0], buf + got, sizeof buf - 1 - got)) > 0) got += (size_t)r;
    int st;
    waitpid(pid, &st, 0);
    printf("child printed: %s", buf);
    printf("exit status=%d\n", WEXITSTATUS(st));
    /* the child inherits stdout directly */
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        char *argv[] = {"sh", "-c", "echo from sh: $CORPUS_VAR; exit 5", NULL};
        execv("/bin/sh", argv);
        _exit(127);
    }
    waitpid(pid, &st, 0);
    printf("sh exit status=%d\n", WEXITSTATUS(st));
    errno = 0;
    char *nargv[] = {"nope", NULL};
    int e = execv("/nonexistent/binary", nargv);
    printf("execv missing=%d ENOENT=%d\n", e, errno == ENOENT);
    errno = 0;
    e = execv("/tmp", nargv);
    printf("execv directory=%d EACCES=%d\n", e, errno == EACCES);
    return 0;
}
