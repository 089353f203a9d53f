// alarm() delivers SIGALRM that interrupts a blocking read on an empty pipe with EINTR (no SA_RESTART);
// with SA_RESTART the read is restarted and completes when data arrives from a timer.
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <signal.h>
#include <unistd.h>
#include <sys/time.h>

static volatile sig_atomic_t alarms;
static int wfd = -1;
static void on_alarm(int s) {
    (void)s;
    alarms++;
    if (wfd >= 0) write(wfd, "x", 1);
}

int main(void) {
    int p[2];
    pipe(p);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    sigaction(SIGALRM, &sa, NULL);
    alarm(1);
    char c;
    errno = 0;
    ssize_t r = read(p[0], &c, 1);
    printf("read=%zd EINTR=%d alarms=%d\n", r, errno == EINTR, alarms);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGALRM, &sa, NULL);
    wfd = p[1];
    struct itimerval it = {{0, 0}, {0, 200000}};
    setitimer(ITIMER_REAL, &it, NULL);
    r = read(p[0], &c, 1);
    printf("restarted read=%zd char=%c alarms=%d\n", r, c, alarms);
    printf("alarm(0) remaining=%u\n", alarm(0));
    alarm(100);
    unsigned left = alarm(0);
    printf("cancelled alarm had 99..100 left: %d\n", left >= 99 && left <= 100);
    return 0;
}
