// socketpair: stream and datagram semantics, shutdown, getsockopt SO_TYPE, bidirectional traffic.
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <sys/socket.h>

int main(void) {
    int sv[2];
    printf("stream socketpair=%d\n", socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
    int type = 0;
    socklen_t len = sizeof type;
    getsockopt(sv[0], SOL_SOCKET, SO_TYPE, &type, &len);
    printf("SO_TYPE stream=%d len=%u\n", type == SOCK_STREAM, (unsigned)len);
    write(sv[0], "ping", 4);
    write(sv[0], "pong", 4);
    char buf[64] = {0};
    ssize_t n = 0, r;
    while (n < 8 && (r = read(sv[1], buf + n, sizeof buf - (size_t)n)) > 0) n += r;
    printf("stream coalesced read %zd [%s]\n", n, buf);
    send(sv[1], "reply", 5, 0);
    memset(buf, 0, sizeof buf);
    n = recv(sv[0], buf, sizeof buf, 0);
    printf("reply %zd [%s]\n", n, buf);
    shutdown(sv[0], SHUT_WR);
    n = read(sv[1], buf, sizeof buf);
    printf("after SHUT_WR peer reads %zd\n", n);
    n = write(sv[1], "still", 5);
    printf("other direction still works: %zd\n", n);
    memset(buf, 0, sizeof buf);
    n = read(sv[0], buf, sizeof buf);
    printf("got [%s]\n", buf);
    close(sv[0]);
    close(sv[1]);

    printf("dgram socketpair=%d\n", socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
    send(sv[0], "one", 3, 0);
    send(sv[0], "two-two", 7, 0);
    send(sv[0], "", 0, 0);
    send(sv[0], "three", 5, 0);
    for (int i = 0; i < 4; i++) {
        memset(buf, 0, sizeof buf);
        n = recv(sv[1], buf, sizeof buf, 0);
        printf("dgram %d: %zd [%s]\n", i, n, buf);
    }
    send(sv[0], "truncated message", 17, 0);
    memset(buf, 0, sizeof buf);
    n = recv(sv[1], buf, 5, 0);
    printf("short recv %zd [%s]\n", n, buf);
    send(sv[0], "peek", 4, 0);
    memset(buf, 0, sizeof buf);
    n = recv(sv[1], buf, sizeof buf, MSG_PEEK);
    printf("peek %zd [%s]\n", n, buf);
    memset(buf, 0, sizeof buf);
    n = recv(sv[1], buf, sizeof buf, 0);
    printf("after peek %zd [%s]\n", n, buf);
    errno = 0;
    n = recv(sv[1], buf, sizeof buf, MSG_DONTWAIT);
    printf("empty dontwait %zd EAGAIN=%d\n", n, errno == EAGAIN);
    close(sv[0]);
    close(sv[1]);

    printf("seqpacket=%d\n", socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv));
    send(sv[1], "abc", 3, 0);
    send(sv[1], "defgh", 5, 0);
    n = recv(sv[0], buf, sizeof buf, 0);
    printf("seqpacket first %zd\n", n);
    close(sv[1]);
    n = recv(sv[0], buf, sizeof buf, 0);
    printf("seqpacket second %zd\n", n);
    n = recv(sv[0], buf, sizeof buf, 0);
    printf("seqpacket eof %zd\n", n);
    close(sv[0]);
    return 0;
}
