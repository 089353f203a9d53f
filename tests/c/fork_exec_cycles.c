// 200 fork + execve + wait cycles: the child re-executes this program (a Wasm
// module under WALI), which exits with 7. No descriptor may leak; the
// resident size before and after goes to stderr.
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define CYCLES 200

static int count_fds(void) {
    DIR *d = opendir("/proc/self/fd");
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d))) if (e->d_name[0] != '.') n++;
    closedir(d);
    return n - 1; /* the directory's own descriptor */
}

static long rss_kb(void) {
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "VmRSS:", 6) == 0) kb = atol(line + 6);
    fclose(f);
    return kb;
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "child") == 0) return 7;
    int fds = count_fds();
    long rss = rss_kb();
    int ok = 0;
    for (int i = 0; i < CYCLES; i++) {
        pid_t p = fork();
        if (p == 0) {
            char *args[] = {argv[0], "child", NULL};
            execv(argv[0], args);
            _exit(99);
        }
        int status;
        if (waitpid(p, &status, 0) == p && WIFEXITED(status) && WEXITSTATUS(status) == 7) ok++;
    }
    int leaked = count_fds() - fds;
    fprintf(stderr, "fork_exec_cycles: rss before=%ld kB after=%ld kB, fds before=%d after=%d\n", rss, rss_kb(), fds,
            fds + leaked);
    printf("cycles=%d ok=%d fd_leak=%d\n", CYCLES, ok, leaked);
    return ok == CYCLES && leaked == 0 ? 0 : 1;
}
