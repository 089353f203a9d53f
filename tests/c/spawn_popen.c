// posix_spawn, popen/pclose and system(): child processes through the C library's helpers.
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <spawn.h>
#include <unistd.h>
#include <sys/wait.h>

extern char **environ;

int main(void) {
    pid_t pid;
    char *argv[] = {"sh", "-c", "exit 9", NULL};
    int r = posix_spawn(&pid, "/bin/sh", NULL, NULL, argv, environ);
    int st = 0;
    waitpid(pid, &st, 0);
    printf("posix_spawn=%d exit=%d\n", r, WEXITSTATUS(st));
    FILE *f = popen("echo line1; echo line2", "r");
    char buf[64];
    while (fgets(buf, sizeof buf, f)) printf("popen read: %s", buf);
    printf("pclose exit=%d\n", WEXITSTATUS(pclose(f)));
    f = popen("tr a-z A-Z", "w");
    fflush(stdout);
    fputs("upper via popen\n", f);
    st = pclose(f);
    printf("pclose w exit=%d\n", WEXITSTATUS(st));
    fflush(stdout);
    st = system("echo from system; exit 4");
    printf("system exit=%d\n", WEXITSTATUS(st));
    printf("system(NULL) shell available=%d\n", system(NULL) != 0);
    return 0;
}
