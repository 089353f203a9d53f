#!/usr/bin/env python3
"""Turn the interface's layouts.txt into a C file of _Static_asserts.

usage: gen-layout-check.py layouts.txt > layout_check.c

Compiling the output with wali-cc checks that the WALI sysroot's headers
give every struct that crosses the boundary exactly the size and field
offsets the interface specifies. Padding/reserved fields (named differently
in musl) and structs musl 1.2.3 does not declare are skipped.
"""
import re
import sys

# layouts.txt type name -> C type expression and the header that declares it
TYPES = {
    "struct timespec": "<time.h>",
    "struct timeval": "<sys/time.h>",
    "struct timezone": "<sys/time.h>",
    "stack_t": "<signal.h>",
    "struct dirent": "<dirent.h>",
    "struct epoll_event": "<sys/epoll.h>",
    "struct iovec": "<sys/uio.h>",
    "struct pollfd": "<poll.h>",
    "struct rlimit": "<sys/resource.h>",
    "struct sigaction": "<signal.h>",
    "struct sockaddr": "<sys/socket.h>",
    "struct statfs": "<sys/statfs.h>",
    "struct sysinfo": "<sys/sysinfo.h>",
    "struct utimbuf": "<utime.h>",
    "struct utsname": "<sys/utsname.h>",
    "fd_set": "<sys/select.h>",
    "cpu_set_t": "<sched.h>",
    "struct itimerval": "<sys/time.h>",
    "struct msghdr": "<sys/socket.h>",
    "struct rusage": "<sys/resource.h>",
    "struct stat": "<sys/stat.h>",
}
# Fields that are padding in the interface, or spelled differently by musl.
# layouts.txt spells ru_msgsnd as ru_msgsng.
RENAME = {"ru_msgsng": "ru_msgsnd"}
SKIP_FIELD = re.compile(r"^(pad\d*|unused|reserved|spare|bits|fds_bits|f_spare|domainname)$")


def parse(path):
    structs, cur = [], None
    for line in open(path):
        m = re.match(r"^(\S.*?) \(size=(\d+), align=(\d+)\):", line)
        if m:
            cur = {"name": m.group(1), "size": int(m.group(2)), "fields": []}
            structs.append(cur)
            continue
        m = re.match(r"^\s+\+\s*(\d+)\s+(\w+)\s", line)
        if m and cur:
            cur["fields"].append((m.group(2), int(m.group(1))))
    return structs


def main():
    structs = parse(sys.argv[1])
    out = ["#define _GNU_SOURCE", "#include <stddef.h>"]
    for h in sorted(set(TYPES.values())):
        out.append(f"#include {h}")
    out.append("")
    n = 0
    for s in structs:
        if s["name"] not in TYPES:
            continue
        t = s["name"]
        out.append(f'_Static_assert(sizeof({t}) == {s["size"]}, "sizeof({t}) must be {s["size"]}");')
        n += 1
        for field, off in s["fields"]:
            if SKIP_FIELD.match(field):
                continue
            field = RENAME.get(field, field)
            out.append(f'_Static_assert(offsetof({t}, {field}) == {off}, '
                       f'"offsetof({t}, {field}) must be {off}");')
            n += 1
    out.append(f"\nint main(void) {{ return 0; }} /* {n} checks */")
    print("\n".join(out))


if __name__ == "__main__":
    main()
