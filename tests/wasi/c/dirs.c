// Directories: mkdir, readdir (sorted names, with types), rmdir, rename,
// unlink, link, symlink, readlink, seekdir/rewinddir, a large directory.
#include "../common.h"
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

static void list(const char *path) {
    DIR *d = opendir(path);
    if (!d) { printf("ls %s: %s\n", path, ename(errno)); return; }
    char *names[1024];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 1024) {
        const char *t = e->d_type == DT_DIR ? "/" : e->d_type == DT_LNK ? "@" : e->d_type == DT_REG ? "" : "?";
        char *s = malloc(strlen(e->d_name) + 2);
        sprintf(s, "%s%s", e->d_name, t);
        names[n++] = s;
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_str);
    printf("ls %s (%d):", path, n);
    for (int i = 0; i < n; i++) { printf(" %s", names[i]); free(names[i]); }
    printf("\n");
}

static void cat(const char *path) {
    char buf[128];
    int fd = open(path, O_RDONLY);
    if (fd < 0) { printf("cat %s: %s\n", path, ename(errno)); return; }
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    buf[n < 0 ? 0 : n] = 0;
    if (n > 0 && buf[n - 1] == '\n') buf[n - 1] = 0;
    printf("cat %s: [%s]\n", path, buf);
}

static void nlink(const char *path) {
    struct stat st;
    if (lstat(path, &st) < 0) printf("nlink %s: %s\n", path, ename(errno));
    else printf("nlink %s: %lu\n", path, (unsigned long)st.st_nlink);
}

int main(void) {
    list("/sandbox");
    list("/sandbox/sub");
    list("/sandbox/link-sub");
    list("/sandbox/empty");
    CHECK("mkdir d1", mkdir("/sandbox/d1", 0755));
    CHECK("mkdir d1/d2", mkdir("/sandbox/d1/d2", 0755));
    CHECK("mkdir d1 again", mkdir("/sandbox/d1", 0755));
    CHECK("mkdir trailing slash", mkdir("/sandbox/d3/", 0755));
    CHECK("mkdir in missing", mkdir("/sandbox/nope/d", 0755));
    int fd = open("/sandbox/d1/file.txt", O_CREAT | O_WRONLY, 0644);
    write(fd, "in d1\n", 6);
    close(fd);
    list("/sandbox/d1");
    CHECK("rmdir d1/d2", rmdir("/sandbox/d1/d2"));
    CHECK("rmdir d3", rmdir("/sandbox/d3"));
    CHECK("rmdir empty via dot path", rmdir("/sandbox/sub/../empty"));
    list("/sandbox");

    /* rename */
    CHECK("rename file", rename("/sandbox/d1/file.txt", "/sandbox/moved.txt"));
    cat("/sandbox/moved.txt");
    CHECK("rename over file", rename("/sandbox/sub/a.txt", "/sandbox/sub/b.txt"));
    cat("/sandbox/sub/b.txt");
    CHECK("rename dir", rename("/sandbox/d1", "/sandbox/d1-renamed"));
    CHECK("mkdir for rename", mkdir("/sandbox/target-empty", 0755));
    CHECK("rename dir over empty dir", rename("/sandbox/d1-renamed", "/sandbox/target-empty"));
    CHECK("rename missing", rename("/sandbox/missing", "/sandbox/x"));
    CHECK("rename same", rename("/sandbox/moved.txt", "/sandbox/moved.txt"));
    CHECK("rename symlink", rename("/sandbox/link-hello", "/sandbox/link-hello2"));
    cat("/sandbox/link-hello2");

    /* link, unlink */
    CHECK("link", link("/sandbox/moved.txt", "/sandbox/hard.txt"));
    nlink("/sandbox/moved.txt");
    nlink("/sandbox/hard.txt");
    fd = open("/sandbox/hard.txt", O_WRONLY | O_APPEND);
    write(fd, "via hard link\n", 14);
    close(fd);
    cat("/sandbox/moved.txt");
    CHECK("unlink moved", unlink("/sandbox/moved.txt"));
    nlink("/sandbox/hard.txt");
    CHECK("unlink again", unlink("/sandbox/moved.txt"));
    CHECK("link to existing", link("/sandbox/hard.txt", "/sandbox/hello.txt"));
    CHECK("link dir", link("/sandbox/sub", "/sandbox/sub-link"));

    /* symlink, readlink */
    CHECK("symlink rel", symlink("hard.txt", "/sandbox/sym1"));
    CHECK("symlink into sub", symlink("../hello.txt", "/sandbox/sub/up"));
    CHECK("symlink dangling", symlink("does/not/exist", "/sandbox/sym-dangling"));
    CHECK("symlink exists", symlink("x", "/sandbox/sym1"));
    char buf[256];
    ssize_t n = readlink("/sandbox/sym1", buf, sizeof buf);
    printf("readlink sym1: %zd [%.*s]\n", n, (int)(n > 0 ? n : 0), buf);
    n = readlink("/sandbox/sub/up", buf, sizeof buf);
    printf("readlink sub/up: %zd [%.*s]\n", n, (int)(n > 0 ? n : 0), buf);
    n = readlink("/sandbox/sym-dangling", buf, 4);
    printf("readlink short buffer: %zd [%.*s]\n", n, (int)(n > 0 ? n : 0), buf);
    errno = 0;
    n = readlink("/sandbox/hard.txt", buf, sizeof buf);
    printf("readlink on file: %zd %s\n", n, ename(errno));
    cat("/sandbox/sym1");
    cat("/sandbox/sub/up");
    cat("/sandbox/link-sub/deeper/c.txt");
    CHECK("unlink symlink", unlink("/sandbox/sym-dangling"));
    CHECK("unlink dangling fixture", unlink("/sandbox/dangling"));
    CHECK("unlink dir", unlink("/sandbox/sub"));
    CHECK("rmdir file", rmdir("/sandbox/hard.txt"));
    CHECK("rmdir symlink to dir", rmdir("/sandbox/link-sub"));

    /* a large directory: readdir must return every entry exactly once */
    CHECK("mkdir many", mkdir("/sandbox/many", 0755));
    char path[128];
    for (int i = 0; i < 300; i++) {
        snprintf(path, sizeof path, "/sandbox/many/file-with-a-longer-name-%03d", i);
        close(open(path, O_CREAT | O_WRONLY, 0644));
    }
    DIR *d = opendir("/sandbox/many");
    int count = 0, dots = 0;
    long pos10 = -1;
    char name10[256] = "";
    static char seen[300];
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') { dots++; continue; }
        int k = atoi(e->d_name + strlen("file-with-a-longer-name-"));
        seen[k]++;
        count++;
        if (count == 10) { pos10 = telldir(d); }
        if (count == 11) strcpy(name10, e->d_name);
    }
    int once = 1;
    for (int i = 0; i < 300; i++) once &= seen[i] == 1;
    printf("many: %d entries, %d dot entries, each once=%d\n", count, dots, once);
    seekdir(d, pos10);
    e = readdir(d);
    printf("seekdir to entry 11 gives the same name: %d\n", e && strcmp(e->d_name, name10) == 0);
    rewinddir(d);
    int again = 0;
    while (readdir(d)) again++;
    printf("after rewinddir: %d entries\n", again);
    closedir(d);
    for (int i = 0; i < 300; i += 2) {
        snprintf(path, sizeof path, "/sandbox/many/file-with-a-longer-name-%03d", i);
        unlink(path);
    }
    d = opendir("/sandbox/many");
    count = 0;
    while ((e = readdir(d))) count++;
    closedir(d);
    printf("many after unlinking half: %d entries\n", count);
    CHECK("rmdir nonempty", rmdir("/sandbox/many"));

    /* directory descriptors */
    fd = open("/sandbox/sub", O_RDONLY | O_DIRECTORY);
    printf("open dir O_DIRECTORY: %s\n", fd >= 0 ? "ok" : ename(errno));
    errno = 0;
    printf("read on dir: %zd %s\n", read(fd, buf, 10), ename(errno));
    int fd2 = openat(fd, "deeper/c.txt", O_RDONLY);
    printf("openat from dir fd: %s\n", fd2 >= 0 ? "ok" : ename(errno));
    n = read(fd2, buf, sizeof buf);
    printf("read: %zd\n", n);
    CHECK("mkdirat", mkdirat(fd, "made-by-mkdirat", 0755));
    CHECK("unlinkat dir", unlinkat(fd, "made-by-mkdirat", AT_REMOVEDIR));
    CHECK("fdopendir", (fdopendir(fd) == NULL ? -1 : 0));
    int fd3 = open("/sandbox/hello.txt", O_RDONLY | O_DIRECTORY);
    printf("open file O_DIRECTORY: %s\n", fd3 >= 0 ? "ok" : ename(errno));
    list("/sandbox");
    list("/sandbox/sub");
    return 0;
}
