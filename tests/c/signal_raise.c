// Signal handlers via signal() and sigaction(): raise, kill(getpid()), SA_SIGINFO fields, masks, pending, SIG_IGN, SA_RESETHAND.
#include <stdio.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>

static volatile sig_atomic_t got_usr1, got_usr2, got_term, info_signo, info_code_user;
static volatile sig_atomic_t info_pid_ok;

static void on_usr1(int s) { (void)s; got_usr1++; }
static void on_usr2(int s) { (void)s; got_usr2++; }
static void on_term(int s, siginfo_t *si, void *ctx) {
    (void)ctx;
    got_term++;
    info_signo = si->si_signo;
    info_code_user = si->si_code == SI_USER || si->si_code == SI_TKILL;
    info_pid_ok = si->si_pid == getpid();
}

int main(void) {
    signal(SIGUSR1, on_usr1);
    printf("raise=%d\n", raise(SIGUSR1));
    printf("handled usr1=%d\n", got_usr1);
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr2;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR2, &sa, NULL);
    kill(getpid(), SIGUSR2);
    kill(getpid(), SIGUSR2);
    printf("handled usr2=%d\n", got_usr2);
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_term;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGTERM, &sa, NULL);
    kill(getpid(), SIGTERM);
    printf("sigterm handled=%d signo ok=%d user code=%d pid ok=%d\n", got_term, info_signo == SIGTERM, info_code_user,
           info_pid_ok);
    sigaction(SIGUSR1, NULL, &old);
    printf("query old handler is on_usr1=%d\n", old.sa_handler == on_usr1);
    /* blocked signals stay pending until unblocked */
    sigset_t set, pend;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    raise(SIGUSR1);
    sigpending(&pend);
    printf("while blocked: handled=%d pending=%d\n", got_usr1, sigismember(&pend, SIGUSR1));
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    printf("after unblock: handled=%d\n", got_usr1);
    signal(SIGUSR1, SIG_IGN);
    raise(SIGUSR1);
    printf("ignored: handled=%d\n", got_usr1);
    signal(SIGUSR1, on_usr1);
    printf("SIG_DFL restore=%d\n", signal(SIGUSR1, SIG_DFL) == on_usr1);
    /* SA_RESETHAND: the handler runs once, then the default action is back */
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr2;
    sa.sa_flags = SA_RESETHAND;
    sigaction(SIGUSR2, &sa, NULL);
    raise(SIGUSR2);
    sigaction(SIGUSR2, NULL, &old);
    printf("SA_RESETHAND: handled usr2=%d now default=%d\n", got_usr2, old.sa_handler == SIG_DFL);
    return 0;
}
