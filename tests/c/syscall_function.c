// syscall() called as a function (not through <unistd.h>'s macro), the way
// other languages' C bindings call it (Rust's libc crate): each variadic
// argument has its C type's width, 4 bytes for int, pointers and size_t, 8
// for off_t. Then the same calls through the macro.
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

int main(void) {
    int fd = open("file", O_CREAT | O_RDWR | O_TRUNC, 0600);
    if (fd < 0 || write(fd, "0123456789abcdef", 16) != 16) return 1;

    char buf[8] = {0};
    size_t four = 4;
    off_t at = 6;
    long r = (syscall)(SYS_pread64, fd, buf, four, at);
    printf("pread64 %ld '%s'\n", r, buf);
    r = (syscall)(SYS_lseek, fd, (off_t)10, SEEK_SET);
    printf("lseek %ld\n", r);
    memset(buf, 0, sizeof buf);
    r = (syscall)(SYS_read, fd, buf, (size_t)3);
    printf("read %ld '%s'\n", r, buf);
    unsigned char rnd[16];
    r = (syscall)(SYS_getrandom, rnd, sizeof rnd, 0u);
    printf("getrandom %ld\n", r);
    printf("getpid same: %d\n", (pid_t)(syscall)(SYS_getpid) == getpid());
    r = (syscall)(SYS_close, -1);
    printf("close(-1) %ld\n", r);

    memset(buf, 0, sizeof buf);
    r = syscall(SYS_pread64, fd, buf, 4, 2);
    printf("macro pread64 %ld '%s'\n", r, buf);
    r = syscall(SYS_lseek, fd, 1, SEEK_SET);
    printf("macro lseek %ld\n", r);
    close(fd);
    unlink("file");
    return 0;
}
