// fnmatch with flags, and glob over files created in the (fresh) working directory.
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <glob.h>
#include <sys/stat.h>

int main(void) {
    struct { const char *pat, *str; int flags; } t[] = {
        {"*.c", "main.c", 0}, {"*.c", "main.h", 0}, {"?.txt", "a.txt", 0}, {"?.txt", "ab.txt", 0},
        {"[abc]x", "bx", 0}, {"[!abc]x", "bx", 0}, {"[a-f]*", "dog", 0}, {"[^a-f]*", "zoo", 0},
        {"*", ".hidden", FNM_PERIOD}, {".*", ".hidden", FNM_PERIOD}, {"*", ".hidden", 0},
        {"a/*", "a/b/c", FNM_PATHNAME}, {"a/*", "a/b/c", 0}, {"a/*/c", "a/b/c", FNM_PATHNAME},
        {"\\*", "*", 0}, {"\\*", "\\*", FNM_NOESCAPE}, {"*[0-9]", "file7", 0}, {"*b*", "abc", 0},
        {"", "", 0}, {"a*", "", 0}, {"[]]", "]", 0}, {"[a-]", "-", 0}, {"*/.x", "d/.x", FNM_PATHNAME | FNM_PERIOD},
        {"[[:digit:]]*", "9lives", 0}, {"[[:upper:]]", "q", 0},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        printf("fnmatch(%-10s, %-8s, %d) = %s\n", t[i].pat, t[i].str, t[i].flags,
               fnmatch(t[i].pat, t[i].str, t[i].flags) == 0 ? "match" : "nomatch");

    char dir[] = "/tmp/corpus-glob-XXXXXX";
    if (!mkdtemp(dir) || chdir(dir) != 0) return 1;
    const char *files[] = {"a.c", "b.c", "c.h", "readme.md", ".dot.c", "x1.txt", "x2.txt", "x10.txt"};
    for (int i = 0; i < 8; i++) close(open(files[i], O_CREAT | O_WRONLY, 0644));
    mkdir("sub", 0755);
    close(open("sub/inner.c", O_CREAT | O_WRONLY, 0644));
    const char *pats[] = {"*.c", "x?.txt", "x*.txt", "*", "sub/*.c", "*/*.c", "[ab].c", "nomatch*", "*.[ch]"};
    for (int i = 0; i < 9; i++) {
        glob_t g;
        int r = glob(pats[i], 0, NULL, &g);
        printf("glob(%s) r=%s n=%zu:", pats[i], r == 0 ? "0" : r == GLOB_NOMATCH ? "NOMATCH" : "err",
               r == 0 ? g.gl_pathc : 0);
        for (size_t k = 0; r == 0 && k < g.gl_pathc; k++) printf(" %s", g.gl_pathv[k]);
        printf("\n");
        if (r == 0) globfree(&g);
    }
    glob_t g;
    glob("*.c", 0, NULL, &g);
    glob("*.h", GLOB_APPEND, NULL, &g);
    printf("append n=%zu:", g.gl_pathc);
    for (size_t k = 0; k < g.gl_pathc; k++) printf(" %s", g.gl_pathv[k]);
    printf("\n");
    globfree(&g);
    glob("s*", GLOB_MARK, NULL, &g);
    printf("mark: %s\n", g.gl_pathv[0]);
    globfree(&g);
    int r = glob("zzz*", GLOB_NOCHECK, NULL, &g);
    printf("nocheck r=%d n=%zu first=%s\n", r, g.gl_pathc, g.gl_pathv[0]);
    globfree(&g);
    for (int i = 0; i < 8; i++) unlink(files[i]);
    unlink("sub/inner.c");
    rmdir("sub");
    chdir("/");
    printf("rmdir=%d\n", rmdir(dir));
    return 0;
}
