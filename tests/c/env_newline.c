// Environment values holding newlines (bash's exported functions, for one)
// survive execve: the program sets one, runs itself again through
// /proc/self/exe, and the new process prints it.
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    (void)argc;
    if (getenv("ENV_NEWLINE_CHILD")) {
        const char *v = getenv("MULTI"), *w = getenv("PLAIN");
        printf("child: MULTI=[%s] PLAIN=[%s]\n", v ? v : "(unset)", w ? w : "(unset)");
        return 0;
    }
    setenv("MULTI", "line one\nline two\n=three", 1);
    setenv("PLAIN", "one line", 1);
    setenv("ENV_NEWLINE_CHILD", "1", 1);
    fflush(stdout);
    execl("/proc/self/exe", argv[0], (char *)0);
    perror("execl");
    return 1;
}
