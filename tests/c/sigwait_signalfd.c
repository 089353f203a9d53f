// Synchronous signal acceptance: sigwait, sigwaitinfo, sigtimedwait (timeout and success), signalfd.
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <signal.h>
#include <unistd.h>
#include <time.h>
#include <sys/signalfd.h>

static volatile sig_atomic_t handled;
static void on_sig(int s) { (void)s; handled++; }

int main(void) {
    signal(SIGUSR1, on_sig);
    signal(SIGUSR2, on_sig);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGUSR2);
    sigprocmask(SIG_BLOCK, &set, NULL);
    raise(SIGUSR1);
    int sig = 0;
    int r = sigwait(&set, &sig);
    printf("sigwait=%d got SIGUSR1=%d handler not run=%d\n", r, sig == SIGUSR1, handled == 0);
    kill(getpid(), SIGUSR2);
    siginfo_t si;
    memset(&si, 0, sizeof si);
    r = sigwaitinfo(&set, &si);
    printf("sigwaitinfo returns SIGUSR2=%d si_signo ok=%d si_pid ok=%d\n", r == SIGUSR2, si.si_signo == SIGUSR2,
           si.si_pid == getpid());
    struct timespec ts = {0, 20 * 1000 * 1000};
    errno = 0;
    r = sigtimedwait(&set, &si, &ts);
    printf("sigtimedwait with nothing pending=%d EAGAIN=%d\n", r, errno == EAGAIN);
    raise(SIGUSR1);
    r = sigtimedwait(&set, &si, &ts);
    printf("sigtimedwait pending=%d\n", r == SIGUSR1);
    int fd = signalfd(-1, &set, SFD_CLOEXEC);
    printf("signalfd ok=%d\n", fd >= 0);
    raise(SIGUSR2);
    struct signalfd_siginfo fi;
    memset(&fi, 0, sizeof fi);
    ssize_t n = fd >= 0 ? read(fd, &fi, sizeof fi) : -1;
    printf("signalfd read=%zd signo ok=%d size=%d\n", n, fi.ssi_signo == SIGUSR2, (int)sizeof fi);
    if (fd >= 0) close(fd);
    printf("handler never ran=%d\n", handled == 0);
    return 0;
}
