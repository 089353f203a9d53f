// A subdirectory renumbered onto the preopen: it becomes the root of every
// later lookup through that number, and ".." from it stays refused.
#include "escape.h"

int main(void) {
    int32_t sub = -1;
    int e = raw_path_open(3, 0, "sub", 3, __WASI_OFLAGS_DIRECTORY, DIR_RIGHTS, ALL_RIGHTS, 0, &sub);
    printf("open sub: %s\n", ename(e));
    RAW("renumber sub onto 3", __wasi_fd_renumber(sub, 3));
    attempt("a.txt through 3", 3, "a.txt");
    attempt("hello.txt through 3 (not in sub)", 3, "hello.txt");
    attempt("../hello.txt through 3", 3, "../hello.txt");
    attempt("../../secret.txt through 3", 3, "../../secret.txt");
    attempt_stat("filestat .. through 3", 3, 0, "..");
    __wasi_prestat_t ps;
    e = __wasi_fd_prestat_get(3, &ps);
    printf("prestat of 3: %s\n", ename(e));
    /* libc still believes fd 3 is "/sandbox": its lookups now land in sub */
    attempt_libc("libc /sandbox/a.txt", "/sandbox/a.txt", O_RDONLY);
    attempt_libc("libc /sandbox/../secret.txt", "/sandbox/../secret.txt", O_RDONLY);
    attempt_libc("libc /sandbox/hello.txt", "/sandbox/hello.txt", O_RDONLY);
    /* renumber the preopen somewhere else, then use it there */
    int32_t other = -1;
    e = raw_path_open(3, 0, "deeper", 6, __WASI_OFLAGS_DIRECTORY, DIR_RIGHTS, ALL_RIGHTS, 0, &other);
    printf("open deeper: %s\n", ename(e));
    RAW("renumber 3 onto deeper's number", __wasi_fd_renumber(3, other));
    attempt("deeper/c.txt through that number (sub now)", other, "deeper/c.txt");
    attempt("../../secret.txt through it", other, "../../secret.txt");
    attempt("3 after it moved", 3, "a.txt");
    return 0;
}
