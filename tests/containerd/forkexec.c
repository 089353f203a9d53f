// fork and execve inside the container: another module of the image, a
// native program of the image, and a thread.
#include <pthread.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static void *thread(void *arg) { printf("thread says %s\n", (char *)arg); return 0; }

static int run(char *path, char *arg) {
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        char *argv[] = {path, arg, 0};
        execv(path, argv);
        perror(path);
        _exit(127);
    }
    int st;
    waitpid(pid, &st, 0);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

int main(void) {
    pthread_t t;
    pthread_create(&t, 0, thread, "hi");
    pthread_join(t, 0);
    printf("module child: status %d\n", run("/hello.wasm", "from-fork"));
    printf("native child: status %d\n", run("/native", "from-fork"));
    return 0;
}
