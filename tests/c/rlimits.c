// getrlimit/setrlimit/prlimit: relations only; lowering RLIMIT_NOFILE makes open() fail with EMFILE. Exits 42.
#define _GNU_SOURCE
#include <stdio.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include <sys/resource.h>

int main(void) {
    struct rlimit rl;
    int r = getrlimit(RLIMIT_NOFILE, &rl);
    printf("getrlimit NOFILE=%d soft<=hard=%d soft>=64=%d\n", r, rl.rlim_cur <= rl.rlim_max, rl.rlim_cur >= 64);
    struct rlimit st;
    getrlimit(RLIMIT_STACK, &st);
    printf("stack soft>0=%d\n", st.rlim_cur > 0);
    struct rlimit low = {32, rl.rlim_max};
    printf("setrlimit NOFILE 32=%d\n", setrlimit(RLIMIT_NOFILE, &low));
    struct rlimit now;
    getrlimit(RLIMIT_NOFILE, &now);
    printf("now soft=%lu hard unchanged=%d\n", (unsigned long)now.rlim_cur, now.rlim_max == rl.rlim_max);
    int opened = 0, last = -1;
    for (int i = 0; i < 100; i++) {
        int fd = open("/dev/null", O_RDONLY);
        /* the count itself depends on descriptors the runtime already holds, so it is not printed */
        if (fd < 0) { printf("open eventually failed: EMFILE=%d opened some=%d\n", errno == EMFILE, opened > 0); break; }
        opened++;
        last = fd;
    }
    printf("highest fd < 32: %d\n", last < 32);
    for (int fd = 3; fd <= last; fd++) close(fd);
    errno = 0;
    struct rlimit bad = {100, 10};
    int sr = setrlimit(RLIMIT_NOFILE, &bad);
    printf("soft>hard rejected=%d EINVAL=%d\n", sr == -1, errno == EINVAL);
    struct rlimit old;
    printf("prlimit restore=%d\n", prlimit(0, RLIMIT_NOFILE, &rl, &old));
    printf("prlimit old soft=%lu\n", (unsigned long)old.rlim_cur);
    struct rlimit core = {0, 0};
    getrlimit(RLIMIT_CORE, &core);
    struct rlimit core0 = {0, core.rlim_max};
    printf("set core 0=%d\n", setrlimit(RLIMIT_CORE, &core0));
    struct rusage ru;
    int gr = getrusage(RUSAGE_SELF, &ru);
    printf("getrusage=%d utime sane=%d\n", gr, ru.ru_utime.tv_usec < 1000000);
    printf("RLIM_INFINITY is all ones=%d\n", RLIM_INFINITY == ~(rlim_t)0);
    return 42;
}
