/* The Linux UAPI headers in the sysroot (linux/ and asm/, x86_64's,
 * whose layouts the interface uses) work together with the C library's
 * headers, as programs like busybox include them; values the interface fixes
 * are checked at compile time, and a netlink query runs through them. */
#include <asm/ioctls.h>
#include <asm/unistd.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/fs.h>
#include <linux/if_packet.h>
#include <linux/input.h>
#include <linux/kd.h>
#include <linux/limits.h>
#include <linux/loop.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sockios.h>
#include <linux/version.h>
#include <linux/vt.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

_Static_assert(__NR_openat == SYS_openat && __NR_getpid == SYS_getpid, "x86_64 syscall numbers");
_Static_assert(TCGETS == 0x5401 && FIONREAD == 0x541B, "terminal ioctls");
_Static_assert(sizeof(struct nlmsghdr) == 16 && sizeof(struct sockaddr_nl) == 12, "netlink layouts");
_Static_assert(PATH_MAX == 4096 && LINUX_VERSION_CODE >= KERNEL_VERSION(5, 0, 0), "limits");

int main(void) {
    /* RTM_GETLINK dump: the loopback interface is always there. */
    int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    if (fd < 0) { perror("socket"); return 1; }
    struct { struct nlmsghdr h; struct ifinfomsg i; } req = {
        .h = { .nlmsg_len = sizeof req, .nlmsg_type = RTM_GETLINK, .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP, .nlmsg_seq = 1 },
        .i = { .ifi_family = AF_UNSPEC },
    };
    if (send(fd, &req, sizeof req, 0) != sizeof req) { perror("send"); return 1; }
    static char buf[1 << 16];
    int found = 0, done = 0;
    while (!done) {
        ssize_t n = recv(fd, buf, sizeof buf, 0);
        if (n <= 0) { perror("recv"); return 1; }
        for (struct nlmsghdr *h = (void *)buf; NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n)) {
            if (h->nlmsg_type == NLMSG_DONE || h->nlmsg_type == NLMSG_ERROR) { done = 1; break; }
            struct ifinfomsg *ifi = NLMSG_DATA(h);
            int len = IFLA_PAYLOAD(h);
            for (struct rtattr *a = IFLA_RTA(ifi); RTA_OK(a, len); a = RTA_NEXT(a, len))
                if (a->rta_type == IFLA_IFNAME && strcmp(RTA_DATA(a), "lo") == 0) found = 1;
        }
    }
    close(fd);
    puts(found ? "uapi ok" : "no lo interface");
    return !found;
}
