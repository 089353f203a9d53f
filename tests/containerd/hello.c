// Prints what the container gave it: arguments, a variable, the working
// directory and the user; exits with $STATUS.
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv) {
    char cwd[256];
    printf("hello from WALI\n");
    for (int i = 1; i < argc; i++) printf("arg %d: %s\n", i, argv[i]);
    const char *greeting = getenv("GREETING");
    printf("GREETING=%s\n", greeting ? greeting : "(unset)");
    printf("cwd=%s uid=%d gid=%d\n", getcwd(cwd, sizeof cwd) ? cwd : "?", (int)getuid(), (int)getgid());
    const char *status = getenv("STATUS");
    return status ? atoi(status) : 0;
}
