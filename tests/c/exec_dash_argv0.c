// execve with an argv[0] that starts with '-', as a shell run as a login
// shell gets (`exec -l`, login(1)): the new program sees it unchanged.
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (getenv("DASH_ARGV0_CHILD")) {
        printf("argv[0]=[%s] argc=%d argv[1]=[%s]\n", argv[0], argc, argc > 1 ? argv[1] : "");
        return 0;
    }
    setenv("DASH_ARGV0_CHILD", "1", 1);
    fflush(stdout);
    execl("/proc/self/exe", "-specialname", "-c", (char *)0);
    perror("execl");
    return 1;
}
