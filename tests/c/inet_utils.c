// Address utilities and socket options: inet_pton/ntop, byte order, getaddrinfo (numeric only), sockopts.
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <netdb.h>

int main(void) {
    printf("htons %04x htonl %08x ntohs %04x ntohl %08x\n", htons(0x1234), htonl(0x12345678u), ntohs(0x3412),
           ntohl(0x78563412u));
    const char *v4[] = {"127.0.0.1", "255.255.255.255", "0.0.0.0", "1.2.3.4", "256.1.1.1", "1.2.3", "abc"};
    for (int i = 0; i < 7; i++) {
        struct in_addr a;
        int r = inet_pton(AF_INET, v4[i], &a);
        char back[INET_ADDRSTRLEN] = "-";
        if (r == 1) inet_ntop(AF_INET, &a, back, sizeof back);
        printf("pton4 [%s] -> %d %s raw=%08x\n", v4[i], r, back, r == 1 ? ntohl(a.s_addr) : 0u);
    }
    const char *v6[] = {"::1", "::", "2001:db8::1", "fe80::1:2:3:4", "2001:0db8:0000:0000:0000:0000:0000:0001",
                        "::ffff:1.2.3.4", "1:2:3:4:5:6:7:8", "gg::1"};
    for (int i = 0; i < 8; i++) {
        struct in6_addr a;
        int r = inet_pton(AF_INET6, v6[i], &a);
        char back[INET6_ADDRSTRLEN] = "-";
        if (r == 1) inet_ntop(AF_INET6, &a, back, sizeof back);
        printf("pton6 [%s] -> %d %s\n", v6[i], r, back);
    }
    printf("inet_addr %08x\n", ntohl(inet_addr("10.20.30.40")));
    struct addrinfo hints, *res;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
    int r = getaddrinfo("127.0.0.1", "8080", &hints, &res);
    if (r == 0) {
        struct sockaddr_in *sin = (struct sockaddr_in *)res->ai_addr;
        printf("getaddrinfo ok family=%d socktype=%d port=%d addrlen=%u\n", res->ai_family == AF_INET,
               res->ai_socktype == SOCK_STREAM, ntohs(sin->sin_port), (unsigned)res->ai_addrlen);
        char host[64], serv[16];
        int g = getnameinfo(res->ai_addr, res->ai_addrlen, host, sizeof host, serv, sizeof serv,
                            NI_NUMERICHOST | NI_NUMERICSERV);
        printf("getnameinfo=%d %s %s\n", g, host, serv);
        freeaddrinfo(res);
    } else {
        printf("getaddrinfo failed\n");
    }
    int s = socket(AF_INET, SOCK_STREAM, 0);
    int v = 1, got = 0;
    socklen_t l = sizeof got;
    setsockopt(s, SOL_SOCKET, SO_KEEPALIVE, &v, sizeof v);
    getsockopt(s, SOL_SOCKET, SO_KEEPALIVE, &got, &l);
    printf("SO_KEEPALIVE=%d len=%u\n", got != 0, (unsigned)l);
    struct linger lg = {1, 5}, lg2;
    l = sizeof lg2;
    setsockopt(s, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
    getsockopt(s, SOL_SOCKET, SO_LINGER, &lg2, &l);
    printf("SO_LINGER onoff=%d linger=%d len=%u\n", lg2.l_onoff, lg2.l_linger, (unsigned)l);
    int rcv = 0;
    l = sizeof rcv;
    getsockopt(s, SOL_SOCKET, SO_RCVBUF, &rcv, &l);
    printf("SO_RCVBUF>0=%d\n", rcv > 0);
    struct timeval tv = {2, 500000}, tv2;
    l = sizeof tv2;
    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    getsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv2, &l);
    printf("SO_RCVTIMEO %ld.%06ld len=%u\n", (long)tv2.tv_sec, (long)tv2.tv_usec, (unsigned)l);
    int dom = 0;
    l = sizeof dom;
    getsockopt(s, SOL_SOCKET, SO_DOMAIN, &dom, &l);
    printf("SO_DOMAIN inet=%d\n", dom == AF_INET);
    close(s);
    int s6 = socket(AF_INET6, SOCK_DGRAM, 0);
    printf("ipv6 socket ok=%d\n", s6 >= 0);
    if (s6 >= 0) close(s6);
    return 0;
}
