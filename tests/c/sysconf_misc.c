// sysconf/pathconf/confstr relations, sched_yield, sched_getaffinity, getpriority/nice.
#define _GNU_SOURCE
#include <stdio.h>
#include <unistd.h>
#include <limits.h>
#include <sched.h>
#include <sys/resource.h>

int main(void) {
    long pg = sysconf(_SC_PAGESIZE);
    printf("pagesize sane=%d equals getpagesize=%d\n", pg >= 4096 && (pg & (pg - 1)) == 0, getpagesize() == pg);
    long cpus = sysconf(_SC_NPROCESSORS_ONLN), conf = sysconf(_SC_NPROCESSORS_CONF);
    printf("cpus online>=1=%d conf>=online=%d\n", cpus >= 1, conf >= cpus);
    printf("CLK_TCK=%ld\n", sysconf(_SC_CLK_TCK));
    printf("OPEN_MAX>=32=%d ARG_MAX>=4096=%d\n", sysconf(_SC_OPEN_MAX) >= 32, sysconf(_SC_ARG_MAX) >= 4096);
    printf("NGROUPS_MAX>=8=%d\n", sysconf(_SC_NGROUPS_MAX) >= 8);
    printf("phys pages>0=%d\n", sysconf(_SC_PHYS_PAGES) > 0);
    printf("pathconf NAME_MAX=%ld PATH_MAX=%ld\n", pathconf("/tmp", _PC_NAME_MAX), pathconf("/tmp", _PC_PATH_MAX));
    int pfd[2];
    pipe(pfd);
    printf("fpathconf PIPE_BUF>=512=%d\n", fpathconf(pfd[0], _PC_PIPE_BUF) >= 512);
    printf("sched_yield=%d\n", sched_yield());
    cpu_set_t set;
    CPU_ZERO(&set);
    int r = sched_getaffinity(0, sizeof set, &set);
    printf("sched_getaffinity=%d count>=1=%d\n", r, CPU_COUNT(&set) >= 1);
    printf("priority max>min=%d\n", sched_get_priority_max(SCHED_FIFO) > sched_get_priority_min(SCHED_FIFO));
    int prio = getpriority(PRIO_PROCESS, 0);
    printf("getpriority in range=%d\n", prio >= -20 && prio <= 19);
    printf("PATH_MAX=%d NAME_MAX=%d\n", PATH_MAX, NAME_MAX);
    return 0;
}
