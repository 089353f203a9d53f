// getcwd/chdir/fchdir, relative path resolution, realpath, basename/dirname.
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <libgen.h>
#include <sys/stat.h>

int main(void) {
    char dir[] = "/tmp/corpus-cwd-XXXXXX";
    if (!mkdtemp(dir)) return 1;
    char start[4096];
    getcwd(start, sizeof start);
    printf("chdir=%d\n", chdir(dir));
    char cwd[4096];
    char *g = getcwd(cwd, sizeof cwd);
    printf("getcwd ok=%d equals dir=%d\n", g != NULL, strcmp(cwd, dir) == 0);
    mkdir("a", 0755);
    mkdir("a/b", 0755);
    close(open("a/b/file", O_CREAT | O_WRONLY, 0644));
    symlink("a/b", "lnk");
    printf("chdir a/b=%d\n", chdir("a/b"));
    getcwd(cwd, sizeof cwd);
    printf("cwd suffix=%s\n", cwd + strlen(dir));
    printf("relative open ok=%d\n", access("file", F_OK) == 0);
    chdir("../..");
    getcwd(cwd, sizeof cwd);
    printf("back to dir=%d\n", strcmp(cwd, dir) == 0);
    char *rp = realpath("lnk/../b/./file", NULL);
    printf("realpath suffix=%s\n", rp ? rp + strlen(dir) : "(null)");
    free(rp);
    rp = realpath("lnk", NULL);
    printf("realpath of symlink suffix=%s\n", rp ? rp + strlen(dir) : "(null)");
    free(rp);
    printf("realpath missing=%d\n", realpath("nope/x", cwd) == NULL);
    int dfd = open("a", O_RDONLY | O_DIRECTORY);
    printf("fchdir=%d\n", fchdir(dfd));
    getcwd(cwd, sizeof cwd);
    printf("after fchdir suffix=%s\n", cwd + strlen(dir));
    close(dfd);
    char *gc = getcwd(NULL, 0);
    printf("getcwd(NULL,0) allocates: %d\n", gc != NULL && strcmp(gc, cwd) == 0);
    free(gc);
    const char *paths[] = {"/usr/lib/libc.so", "/usr/", "usr", "/", ".", "..", "a/b/c/", "//x//y//"};
    for (int i = 0; i < 8; i++) {
        char b1[64], b2[64];
        strcpy(b1, paths[i]);
        strcpy(b2, paths[i]);
        printf("%-18s dirname=%-8s basename=%s\n", paths[i], dirname(b1), basename(b2));
    }
    chdir(dir);
    unlink("lnk");
    unlink("a/b/file");
    rmdir("a/b");
    rmdir("a");
    chdir(start);
    printf("rmdir=%d\n", rmdir(dir));
    return 0;
}
