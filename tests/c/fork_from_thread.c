// fork() from a second thread: in the child, that thread is the only one.
// Its exit ends the child; pthread_exit of the last thread exits with 0.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static void *forker(void *mode) {
    fflush(stdout); /* the child may flush on exit: glibc and musl differ here */
    pid_t p = fork();
    if (p == 0) {
        if (mode) pthread_exit(NULL); /* the last thread: the child exits with 0 */
        exit(5);
    }
    int st;
    waitpid(p, &st, 0);
    printf("child %s: exited=%d status=%d\n", mode ? "pthread_exit" : "exit(5)", WIFEXITED(st), WEXITSTATUS(st));
    return NULL;
}

int main(void) {
    for (long mode = 0; mode < 2; mode++) {
        pthread_t t;
        pthread_create(&t, NULL, forker, (void *)mode);
        pthread_join(t, NULL);
    }
    /* and threads still work in the parent afterwards */
    pthread_t t;
    pthread_create(&t, NULL, forker, NULL);
    pthread_join(t, NULL);
    return 0;
}
