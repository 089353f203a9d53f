// AF_UNIX sockets bound to filesystem paths: stream listen/connect/accept, getsockname, datagram to a path.
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>
#include <errno.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/stat.h>

int main(void) {
    char dir[] = "/tmp/corpus-unix-XXXXXX";
    if (!mkdtemp(dir) || chdir(dir) != 0) return 1;
    int ls = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un a;
    memset(&a, 0, sizeof a);
    a.sun_family = AF_UNIX;
    strcpy(a.sun_path, "srv.sock");
    int br = bind(ls, (struct sockaddr *)&a, sizeof a);
    int lr = listen(ls, 4);
    printf("bind=%d listen=%d\n", br, lr);
    struct stat st;
    stat("srv.sock", &st);
    printf("socket file is S_ISSOCK: %d\n", S_ISSOCK(st.st_mode));
    struct sockaddr_un got;
    socklen_t gl = sizeof got;
    getsockname(ls, (struct sockaddr *)&got, &gl);
    printf("getsockname path=[%s] family-unix=%d\n", got.sun_path, got.sun_family == AF_UNIX);
    int c = socket(AF_UNIX, SOCK_STREAM, 0);
    printf("connect=%d\n", connect(c, (struct sockaddr *)&a, sizeof a));
    int s = accept(ls, NULL, NULL);
    printf("accept ok=%d\n", s >= 0);
    write(c, "over a path", 11);
    char buf[64] = {0};
    ssize_t n = read(s, buf, sizeof buf);
    printf("read %zd [%s]\n", n, buf);
    int again = socket(AF_UNIX, SOCK_STREAM, 0);
    errno = 0;
    int r = bind(again, (struct sockaddr *)&a, sizeof a);
    printf("bind existing path: %d EADDRINUSE=%d\n", r, errno == EADDRINUSE);
    close(again);
    close(c);
    close(s);
    close(ls);
    unlink("srv.sock");
    int missing = socket(AF_UNIX, SOCK_STREAM, 0);
    errno = 0;
    r = connect(missing, (struct sockaddr *)&a, sizeof a);
    printf("connect to removed path: %d ENOENT=%d\n", r, errno == ENOENT);
    close(missing);

    int d1 = socket(AF_UNIX, SOCK_DGRAM, 0), d2 = socket(AF_UNIX, SOCK_DGRAM, 0);
    struct sockaddr_un da, db;
    memset(&da, 0, sizeof da);
    memset(&db, 0, sizeof db);
    da.sun_family = db.sun_family = AF_UNIX;
    strcpy(da.sun_path, "d1.sock");
    strcpy(db.sun_path, "d2.sock");
    bind(d1, (struct sockaddr *)&da, sizeof da);
    bind(d2, (struct sockaddr *)&db, sizeof db);
    sendto(d1, "dgram-to-path", 13, 0, (struct sockaddr *)&db, sizeof db);
    struct sockaddr_un from;
    socklen_t fl = sizeof from;
    memset(buf, 0, sizeof buf);
    n = recvfrom(d2, buf, sizeof buf, 0, (struct sockaddr *)&from, &fl);
    printf("recvfrom %zd [%s] from=[%s]\n", n, buf, from.sun_path);
    close(d1);
    close(d2);
    unlink("d1.sock");
    unlink("d2.sock");
    chdir("/");
    printf("rmdir=%d\n", rmdir(dir));
    return 0;
}
