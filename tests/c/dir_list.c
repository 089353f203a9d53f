// Directories: mkdir, opendir/readdir (sorted), d_type, rewinddir, scandir+alphasort, nested removal.
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <dirent.h>
#include <sys/stat.h>

static int cmpstr(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static int list(const char *path, int show_type) {
    DIR *d = opendir(path);
    if (!d) { printf("opendir failed\n"); return -1; }
    char *names[256];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 256) {
        char tmp[300];
        const char *t = e->d_type == DT_DIR ? "dir" : e->d_type == DT_REG ? "reg" : e->d_type == DT_LNK ? "lnk"
                      : e->d_type == DT_UNKNOWN ? "unknown" : "other";
        snprintf(tmp, sizeof tmp, "%s%s%s", e->d_name, show_type ? ":" : "", show_type ? t : "");
        names[n++] = strdup(tmp);
    }
    qsort(names, (size_t)n, sizeof names[0], cmpstr);
    for (int i = 0; i < n; i++) { printf("  %s\n", names[i]); free(names[i]); }
    rewinddir(d);
    int again = 0;
    while (readdir(d)) again++;
    printf("  (rewind count %d)\n", again);
    closedir(d);
    return n;
}

int main(void) {
    char dir[] = "/tmp/corpus-dir-XXXXXX";
    if (!mkdtemp(dir)) return 1;
    char p[512];
    umask(022);
    const char *files[] = {"zeta.txt", "alpha.txt", "Beta.c", "_under", "123", ".hidden", "mid dle"};
    for (int i = 0; i < 7; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, files[i]);
        int fd = open(p, O_CREAT | O_WRONLY, 0644);
        write(fd, files[i], strlen(files[i]));
        close(fd);
    }
    const char *dirs[] = {"sub", "sub/inner", "sub/inner/deep", "empty"};
    for (int i = 0; i < 4; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, dirs[i]);
        printf("mkdir %s = %d\n", dirs[i], mkdir(p, 0755));
    }
    snprintf(p, sizeof p, "%s/sub/inner/f", dir);
    close(open(p, O_CREAT | O_WRONLY, 0644));
    char lp[512];
    snprintf(lp, sizeof lp, "%s/link", dir);
    symlink("alpha.txt", lp);
    printf("top-level:\n");
    int n = list(dir, 1);
    printf("entries=%d\n", n);
    snprintf(p, sizeof p, "%s/sub", dir);
    printf("sub:\n");
    list(p, 1);
    struct dirent **nl;
    int cnt = scandir(dir, &nl, NULL, alphasort);
    printf("scandir count=%d:", cnt);
    for (int i = 0; i < cnt; i++) { printf(" %s", nl[i]->d_name); free(nl[i]); }
    printf("\n");
    free(nl);
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    DIR *d = fdopendir(fd);
    int c = 0;
    while (readdir(d)) c++;
    printf("fdopendir count=%d dirfd-same=%d\n", c, dirfd(d) == fd);
    closedir(d);
    snprintf(p, sizeof p, "%s/sub", dir);
    printf("rmdir non-empty=%d\n", rmdir(p));
    /* remove everything */
    snprintf(p, sizeof p, "%s/sub/inner/f", dir); unlink(p);
    snprintf(p, sizeof p, "%s/sub/inner/deep", dir); rmdir(p);
    snprintf(p, sizeof p, "%s/sub/inner", dir); rmdir(p);
    snprintf(p, sizeof p, "%s/sub", dir); rmdir(p);
    snprintf(p, sizeof p, "%s/empty", dir); rmdir(p);
    unlink(lp);
    for (int i = 0; i < 7; i++) { snprintf(p, sizeof p, "%s/%s", dir, files[i]); unlink(p); }
    printf("final:\n");
    list(dir, 0);
    printf("rmdir=%d\n", rmdir(dir));
    return 0;
}
