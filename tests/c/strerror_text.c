// strerror/perror for codes whose message text is identical in glibc and musl; exits with status 3.
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

int main(void) {
    /* Deliberately absent (text differs): ENOMEM ECHILD EIO EBUSY EXDEV EMFILE ENOTTY EDOM ELOOP
       ENAMETOOLONG ERANGE ... */
    int codes[] = {ENOENT, EBADF, EEXIST, ENOTDIR, EISDIR, EINVAL, EACCES, EPERM, ENOSPC, EPIPE,
                   EINTR, ENXIO, E2BIG, ENOEXEC, EFAULT, ENODEV,
                   EFBIG, EROFS, EMLINK, ENOSYS, ENOTEMPTY, ECONNREFUSED};
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) printf("%3d: %s\n", codes[i], strerror(codes[i]));
    errno = 0;
    int fd = open("/nonexistent/corpus/path", O_RDONLY);
    int e = errno;
    printf("open -> %d, errno==ENOENT %d, text: %s\n", fd, e == ENOENT, strerror(e));
    perror("perror goes to stderr");
    return 3;
}
