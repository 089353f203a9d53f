// sigsuspend with a periodic ITIMER_REAL, pause(), and a signal mask restored after the handler.
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <signal.h>
#include <unistd.h>
#include <sys/time.h>

static volatile sig_atomic_t ticks;
static void on_tick(int s) { (void)s; ticks++; }

int main(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_tick;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGALRM, &sa, NULL);
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGALRM);
    sigprocmask(SIG_BLOCK, &block, &old);
    struct itimerval it = {{0, 20000}, {0, 20000}};
    setitimer(ITIMER_REAL, &it, NULL);
    int wakeups = 0;
    while (ticks < 5) {
        errno = 0;
        int r = sigsuspend(&old);
        if (r == -1 && errno == EINTR) wakeups++;
    }
    struct itimerval off = {{0, 0}, {0, 0}};
    setitimer(ITIMER_REAL, &off, NULL);
    sigset_t cur;
    sigprocmask(SIG_SETMASK, NULL, &cur);
    printf("ticks>=5=%d wakeups>=1=%d mask restored (ALRM blocked)=%d\n", ticks >= 5, wakeups >= 1,
           sigismember(&cur, SIGALRM));
    sigprocmask(SIG_SETMASK, &old, NULL);
    struct itimerval once = {{0, 0}, {0, 30000}};
    setitimer(ITIMER_REAL, &once, NULL);
    int before = ticks;
    int r = pause();
    printf("pause returned %d EINTR=%d ticked=%d\n", r, errno == EINTR, ticks == before + 1);
    return 0;
}
