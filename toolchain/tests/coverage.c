/* --coverage: run twice, once with an argument; llvm-cov gcov must count 20
 * loop bodies and one printf. The child of a fork writes its own counts,
 * which start at zero (__gcov_fork), so the loop is not counted twice. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
    int n = 0;
    for (int i = 0; i < 10; i++)
        n += i;
    pid_t pid = fork();
    if (pid == 0) {
        n = -1;
        exit(0);
    }
    waitpid(pid, 0, 0);
    if (argc > 1)
        printf("%s %d\n", argv[1], n);
    return 0;
}
