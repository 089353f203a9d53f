// A shell-like pipeline built by hand: producer child | sort (execvp via PATH) | parent reads the result.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void) {
    int a[2], b[2];
    pipe(a);
    pipe(b);
    fflush(stdout);
    pid_t prod = fork();
    if (prod == 0) {
        close(a[0]); close(b[0]); close(b[1]);
        FILE *o = fdopen(a[1], "w");
        const char *words[] = {"pear", "apple", "fig", "banana", "cherry", "date", "apple", "elderberry"};
        for (int i = 0; i < 8; i++) fprintf(o, "%s\n", words[i]);
        fclose(o);
        _exit(0);
    }
    pid_t srt = fork();
    if (srt == 0) {
        dup2(a[0], 0);
        dup2(b[1], 1);
        close(a[0]); close(a[1]); close(b[0]); close(b[1]);
        char *argv[] = {"sort", "-u", NULL};
        execvp("sort", argv);
        _exit(127);
    }
    close(a[0]); close(a[1]); close(b[1]);
    char buf[256] = {0};
    size_t got = 0;
    ssize_t r;
    while ((r = read(b[0], buf + got, sizeof buf - 1 - got)) > 0) got += (size_t)r;
    close(b[0]);
    int s1, s2;
    waitpid(prod, &s1, 0);
    waitpid(srt, &s2, 0);
    printf("sorted unique:\n%s", buf);
    printf("producer exit=%d sort exit=%d\n", WEXITSTATUS(s1), WEXITSTATUS(s2));
    return 0;
}
