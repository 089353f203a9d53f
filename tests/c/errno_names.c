// errno values from failing calls, printed by name (strerror text differs between C libraries for some codes).
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sys/socket.h>
#include <sys/ioctl.h>
#include <limits.h>
#include <dirent.h>

static const char *name(int e) {
#define E(x) case x: return #x;
    switch (e) {
    E(0) E(ENOENT) E(EBADF) E(EEXIST) E(ENOTDIR) E(EISDIR) E(EINVAL) E(ENOTEMPTY) E(ESPIPE) E(ENAMETOOLONG)
    E(ELOOP) E(ECHILD) E(ENOTSOCK) E(EPIPE) E(ENOTTY) E(EFAULT) E(EACCES) E(EPERM) E(EXDEV) E(EAGAIN)
    E(ERANGE) E(EDOM) E(EMFILE) E(ENOSYS) E(EOPNOTSUPP) E(EAFNOSUPPORT) E(EDESTADDRREQ) E(ENOTCONN)
    E(EPROTONOSUPPORT)
    }
    return "other";
}

#define T(call) do { errno = 0; long _r = (long)(call); printf("%-45s -> %ld %s\n", #call, _r, name(errno)); } while (0)

int main(void) {
    char dir[] = "/tmp/corpus-errno-XXXXXX";
    if (!mkdtemp(dir) || chdir(dir) != 0) return 1;
    close(open("file", O_CREAT | O_WRONLY, 0644));
    mkdir("dir", 0755);
    close(open("dir/x", O_CREAT | O_WRONLY, 0644));
    T(open("missing", O_RDONLY));
    T(open("missing/x", O_RDONLY));
    T(open("file/x", O_RDONLY));
    T(open("file", O_CREAT | O_EXCL | O_WRONLY, 0644));
    T(open("dir", O_WRONLY));
    T(open("", O_RDONLY));
    T(read(-1, NULL, 0));
    T(write(999, "x", 1));
    T(close(12345));
    T(mkdir("file", 0755));
    T(mkdir("missing/sub", 0755));
    T(rmdir("dir"));
    T(rmdir("file"));
    T(unlink("dir"));
    T(chdir("file"));
    T(rename("dir", "file"));
    T(rename("missing", "x"));
    T(link("missing", "y"));
    int p[2];
    pipe(p);
    T(lseek(p[0], 0, SEEK_SET));
    char longname[PATH_MAX + 10];
    memset(longname, 'a', sizeof longname - 1);
    longname[sizeof longname - 1] = 0;
    T(open(longname, O_RDONLY));
    char comp[300];
    memset(comp, 'b', sizeof comp - 1);
    comp[sizeof comp - 1] = 0;
    T(open(comp, O_RDONLY));
    symlink("loop2", "loop1");
    symlink("loop1", "loop2");
    T(open("loop1", O_RDONLY));
    T(wait(NULL));
    T(waitpid(-1, NULL, WNOHANG));
    T(send(p[1], "x", 1, 0));
    T(ioctl(p[0], TIOCGWINSZ, &(char[64]){0}));
    T(isatty(p[0]));
    T(fcntl(p[0], 9999));
    T(dup2(p[0], -1));
    T(socket(12345, SOCK_STREAM, 0));
    int sv[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    close(sv[1]);
    T(send(sv[0], "x", 1, MSG_NOSIGNAL));
    close(p[1]);
    T(write(p[0], "x", 1));
    int flags = fcntl(p[0], F_GETFL);
    fcntl(p[0], F_SETFL, flags | O_NONBLOCK);
    int q[2];
    pipe(q);
    fcntl(q[0], F_SETFL, O_NONBLOCK);
    T(read(q[0], &(char){0}, 1));
    T(strtol("99999999999999999999", NULL, 10));
    T(access("missing", F_OK));
    T(truncate("dir", 0));
    T(symlink("x", "file"));
    T(readlink("file", longname, 10));
    T(getcwd(longname, 1) == NULL);
    errno = 0;
    T(opendir("file") == NULL);
    unlink("loop1"); unlink("loop2"); unlink("dir/x"); rmdir("dir"); unlink("file");
    chdir("/");
    T(rmdir(dir));
    return 0;
}
