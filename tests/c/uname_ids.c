// uname (sysname only), hostname consistency, process and user ids printed as relations, not values.
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/utsname.h>
#include <sys/types.h>
#include <sys/syscall.h>
#include <sys/stat.h>

int main(void) {
    struct utsname u;
    printf("uname=%d sysname=%s\n", uname(&u), u.sysname);
    printf("release non-empty=%d nodename non-empty=%d\n", u.release[0] != 0, u.nodename[0] != 0);
    char host[256];
    int r = gethostname(host, sizeof host);
    printf("gethostname=%d equals nodename=%d\n", r, strcmp(host, u.nodename) == 0);
    pid_t pid = getpid(), ppid = getppid();
    printf("pid>1=%d ppid>0=%d pid!=ppid=%d stable=%d\n", pid > 1, ppid > 0, pid != ppid, getpid() == pid);
    printf("gettid==pid (main thread)=%d\n", gettid() == pid);
    printf("getpgrp>0=%d getsid>0=%d getpgid(0)==getpgrp=%d\n", getpgrp() > 0, getsid(0) > 0, getpgid(0) == getpgrp());
    printf("uid==euid=%d gid==egid=%d\n", getuid() == geteuid(), getgid() == getegid());
    uid_t ru, eu, su;
    getresuid(&ru, &eu, &su);
    printf("getresuid consistent=%d\n", ru == getuid() && eu == geteuid());
    int ng = getgroups(0, NULL);
    printf("getgroups count>=0=%d\n", ng >= 0);
    printf("setuid to self=%d\n", setuid(getuid()));
    printf("umask old=%03o\n", (unsigned)umask(027));
    printf("umask now=%03o\n", (unsigned)umask(022));
    return 0;
}
