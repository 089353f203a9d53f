// UDP over 127.0.0.1: sendto/recvfrom with sender address, message boundaries, MSG_PEEK, connected UDP.
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

static int bound_udp(struct sockaddr_in *a) {
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    memset(a, 0, sizeof *a);
    a->sin_family = AF_INET;
    a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(s, (struct sockaddr *)a, sizeof *a);
    socklen_t l = sizeof *a;
    getsockname(s, (struct sockaddr *)a, &l);
    return s;
}

int main(void) {
    struct sockaddr_in a, b;
    int sa = bound_udp(&a), sb = bound_udp(&b);
    printf("ports differ: %d\n", a.sin_port != b.sin_port);
    const char *msgs[] = {"first", "second datagram", "3", "a much longer fourth datagram with more bytes"};
    for (int i = 0; i < 4; i++)
        printf("sendto %zd\n", sendto(sa, msgs[i], strlen(msgs[i]), 0, (struct sockaddr *)&b, sizeof b));
    char buf[128];
    struct sockaddr_in from;
    socklen_t fl;
    ssize_t n = recv(sb, buf, sizeof buf, MSG_PEEK);
    printf("peek %zd\n", n);
    for (int i = 0; i < 4; i++) {
        fl = sizeof from;
        memset(buf, 0, sizeof buf);
        n = recvfrom(sb, buf, i == 3 ? 10 : sizeof buf, 0, (struct sockaddr *)&from, &fl);
        printf("recvfrom %zd [%s] from-port-ok=%d from-addr=%s fl=%u\n", n, buf, from.sin_port == a.sin_port,
               inet_ntoa(from.sin_addr), (unsigned)fl);
    }
    errno = 0;
    n = recv(sb, buf, sizeof buf, MSG_DONTWAIT);
    printf("empty queue %zd EAGAIN=%d\n", n, errno == EAGAIN);
    printf("connect=%d\n", connect(sa, (struct sockaddr *)&b, sizeof b));
    printf("send on connected=%zd\n", send(sa, "connected", 9, 0));
    memset(buf, 0, sizeof buf);
    n = recv(sb, buf, sizeof buf, 0);
    printf("got %zd [%s]\n", n, buf);
    /* reply from b to a via sendto */
    sendto(sb, "reply", 5, 0, (struct sockaddr *)&a, sizeof a);
    memset(buf, 0, sizeof buf);
    n = recv(sa, buf, sizeof buf, 0);
    printf("reply %zd [%s]\n", n, buf);
    /* zero-length datagram */
    send(sa, "", 0, 0);
    n = recv(sb, buf, sizeof buf, 0);
    printf("zero-length datagram %zd\n", n);
    close(sa);
    close(sb);
    return 0;
}
