// sendmsg/recvmsg with scatter/gather iovecs, MSG_TRUNC, addresses, and SCM_RIGHTS descriptor passing.
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <netinet/in.h>
#include <arpa/inet.h>

int main(void) {
    int sv[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    struct iovec out[3] = {{"scatter-", 8}, {"gather-", 7}, {"io", 2}};
    struct msghdr m;
    memset(&m, 0, sizeof m);
    m.msg_iov = out;
    m.msg_iovlen = 3;
    printf("sendmsg=%zd\n", sendmsg(sv[0], &m, 0));
    char a[5] = {0}, b[6] = {0}, c[20] = {0};
    struct iovec in[3] = {{a, 4}, {b, 5}, {c, 19}};
    memset(&m, 0, sizeof m);
    m.msg_iov = in;
    m.msg_iovlen = 3;
    ssize_t n = recvmsg(sv[1], &m, 0);
    printf("recvmsg=%zd [%s][%s][%s] flags=%d\n", n, a, b, c, m.msg_flags);

    /* pass a pipe's read end through the socket */
    int p[2];
    pipe(p);
    write(p[1], "through fd passing", 18);
    char cbuf[CMSG_SPACE(sizeof(int))];
    memset(cbuf, 0, sizeof cbuf);
    struct iovec one = {"F", 1};
    memset(&m, 0, sizeof m);
    m.msg_iov = &one;
    m.msg_iovlen = 1;
    m.msg_control = cbuf;
    m.msg_controllen = sizeof cbuf;
    struct cmsghdr *cm = CMSG_FIRSTHDR(&m);
    cm->cmsg_level = SOL_SOCKET;
    cm->cmsg_type = SCM_RIGHTS;
    cm->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(cm), &p[0], sizeof(int));
    printf("sendmsg with SCM_RIGHTS=%zd\n", sendmsg(sv[0], &m, 0));
    close(p[0]);
    char rbuf[CMSG_SPACE(sizeof(int)) + 16];
    char ch = 0;
    struct iovec rone = {&ch, 1};
    memset(&m, 0, sizeof m);
    m.msg_iov = &rone;
    m.msg_iovlen = 1;
    m.msg_control = rbuf;
    m.msg_controllen = sizeof rbuf;
    n = recvmsg(sv[1], &m, 0);
    cm = CMSG_FIRSTHDR(&m);
    int newfd = -1;
    if (cm && cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS) memcpy(&newfd, CMSG_DATA(cm), sizeof(int));
    printf("recvmsg=%zd ch=%c got-cmsg=%d len-ok=%d newfd-valid=%d\n", n, ch, cm != NULL,
           cm && cm->cmsg_len == CMSG_LEN(sizeof(int)), newfd >= 0);
    char buf[64] = {0};
    if (newfd >= 0) {
        n = read(newfd, buf, sizeof buf);
        printf("read via passed fd: %zd [%s]\n", n, buf);
        close(newfd);
    }
    close(p[1]);
    close(sv[0]);
    close(sv[1]);

    /* datagram: MSG_TRUNC reported in msg_flags */
    socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
    send(sv[0], "0123456789", 10, 0);
    char small[4];
    struct iovec siov = {small, sizeof small};
    memset(&m, 0, sizeof m);
    m.msg_iov = &siov;
    m.msg_iovlen = 1;
    n = recvmsg(sv[1], &m, 0);
    printf("truncated recvmsg=%zd MSG_TRUNC=%d [%.4s]\n", n, (m.msg_flags & MSG_TRUNC) != 0, small);
    close(sv[0]);
    close(sv[1]);

    /* UDP with msg_name */
    int u1 = socket(AF_INET, SOCK_DGRAM, 0), u2 = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(u2, (struct sockaddr *)&sa, sizeof sa);
    socklen_t sl = sizeof sa;
    getsockname(u2, (struct sockaddr *)&sa, &sl);
    struct iovec uio[2] = {{"hdr:", 4}, {"payload", 7}};
    memset(&m, 0, sizeof m);
    m.msg_name = &sa;
    m.msg_namelen = sizeof sa;
    m.msg_iov = uio;
    m.msg_iovlen = 2;
    printf("udp sendmsg=%zd\n", sendmsg(u1, &m, 0));
    struct sockaddr_in from;
    memset(buf, 0, sizeof buf);
    struct iovec rio = {buf, sizeof buf};
    memset(&m, 0, sizeof m);
    m.msg_name = &from;
    m.msg_namelen = sizeof from;
    m.msg_iov = &rio;
    m.msg_iovlen = 1;
    n = recvmsg(u2, &m, 0);
    printf("udp recvmsg=%zd [%s] namelen=%u family-inet=%d addr=%s\n", n, buf, (unsigned)m.msg_namelen,
           from.sin_family == AF_INET, inet_ntoa(from.sin_addr));
    close(u1);
    close(u2);
    return 0;
}
