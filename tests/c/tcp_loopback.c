// TCP over 127.0.0.1 in one process: listen on port 0, nonblocking connect + poll, accept, echo, shutdown.
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include <poll.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>

int main(void) {
    int ls = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    printf("SO_REUSEADDR=%d\n", setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one));
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    printf("bind=%d\n", bind(ls, (struct sockaddr *)&addr, sizeof addr));
    printf("listen=%d\n", listen(ls, 8));
    socklen_t alen = sizeof addr;
    getsockname(ls, (struct sockaddr *)&addr, &alen);
    printf("bound port nonzero=%d addr=%s alen=%u\n", addr.sin_port != 0, inet_ntoa(addr.sin_addr), (unsigned)alen);

    int c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int r = connect(c, (struct sockaddr *)&addr, sizeof addr);
    printf("nonblocking connect ok (0 or EINPROGRESS): %d\n", r == 0 || errno == EINPROGRESS);
    struct pollfd pfd = {ls, POLLIN, 0};
    r = poll(&pfd, 1, 5000);
    printf("listener readable: %d revents&POLLIN=%d\n", r, (pfd.revents & POLLIN) != 0);
    struct sockaddr_in peer;
    socklen_t plen = sizeof peer;
    int s = accept(ls, (struct sockaddr *)&peer, &plen);
    printf("accept ok=%d peer=%s\n", s >= 0, inet_ntoa(peer.sin_addr));
    pfd.fd = c;
    pfd.events = POLLOUT;
    r = poll(&pfd, 1, 5000);
    int err = -1;
    socklen_t elen = sizeof err;
    getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &elen);
    printf("connect completed: poll=%d POLLOUT=%d SO_ERROR=%d\n", r, (pfd.revents & POLLOUT) != 0, err);
    struct sockaddr_in cn, pn;
    socklen_t l1 = sizeof cn, l2 = sizeof pn;
    getsockname(c, (struct sockaddr *)&cn, &l1);
    getpeername(s, (struct sockaddr *)&pn, &l2);
    printf("client name == server's peer name: %d\n", cn.sin_port == pn.sin_port && cn.sin_addr.s_addr == pn.sin_addr.s_addr);
    printf("TCP_NODELAY=%d\n", setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one));
    int nd = 0;
    socklen_t ndl = sizeof nd;
    getsockopt(c, IPPROTO_TCP, TCP_NODELAY, &nd, &ndl);
    printf("TCP_NODELAY get=%d\n", nd != 0);

    /* send 1 MB from client while echoing on the server side using poll */
    static char out[1 << 20], in[1 << 20];
    for (size_t i = 0; i < sizeof out; i++) out[i] = (char)(i * 131 % 251);
    fcntl(s, F_SETFL, O_NONBLOCK);
    size_t sent = 0, echoed = 0, got = 0;
    static char mid[65536];
    size_t midlen = 0, midoff = 0;
    int iters = 0;
    while (got < sizeof out && iters < 100000) {
        iters++;
        struct pollfd fds[2] = {{c, POLLIN | (sent < sizeof out ? POLLOUT : 0), 0}, {s, POLLIN | (midlen > midoff ? POLLOUT : 0), 0}};
        if (poll(fds, 2, 5000) <= 0) { printf("poll timeout\n"); break; }
        if ((fds[0].revents & POLLOUT) && sent < sizeof out) {
            ssize_t w = send(c, out + sent, sizeof out - sent > 70000 ? 70000 : sizeof out - sent, 0);
            if (w > 0) sent += (size_t)w;
        }
        if ((fds[1].revents & POLLIN) && midlen == midoff) {
            ssize_t n = recv(s, mid, sizeof mid, 0);
            if (n > 0) { midlen = (size_t)n; midoff = 0; }
        }
        if (midlen > midoff) {
            ssize_t w = send(s, mid + midoff, midlen - midoff, 0);
            if (w > 0) { midoff += (size_t)w; echoed += (size_t)w; }
        }
        if (fds[0].revents & POLLIN) {
            ssize_t n = recv(c, in + got, sizeof in - got, 0);
            if (n > 0) got += (size_t)n;
        }
    }
    printf("sent=%zu echoed=%zu got=%zu equal=%d\n", sent, echoed, got, memcmp(in, out, sizeof out) == 0);
    shutdown(c, SHUT_WR);
    fcntl(s, F_SETFL, 0);
    char b[8];
    ssize_t n = recv(s, b, sizeof b, 0);
    printf("server sees EOF after client SHUT_WR: %zd\n", n);
    close(s);
    fcntl(c, F_SETFL, 0);
    n = recv(c, b, sizeof b, 0);
    printf("client sees EOF after server close: %zd\n", n);
    close(c);
    /* connecting to the (now closed) listener's port is refused */
    close(ls);
    int c2 = socket(AF_INET, SOCK_STREAM, 0);
    r = connect(c2, (struct sockaddr *)&addr, sizeof addr);
    printf("connect to closed port: %d ECONNREFUSED=%d\n", r, errno == ECONNREFUSED);
    close(c2);
    return 0;
}
