// Error numbers, printed by name: ENOENT, EEXIST, ENOTDIR, EISDIR, ENOTEMPTY,
// EBADF, ELOOP, EINVAL, ESPIPE... from libc calls and raw WASI calls.
#include "../common.h"
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void) {
    struct stat st;
    char buf[64];
    CHECK("open missing (ENOENT)", open("/sandbox/missing", O_RDONLY));
    CHECK("open missing dir component (ENOENT)", open("/sandbox/nodir/file", O_RDONLY));
    CHECK("stat empty path (ENOENT)", stat("", &st));
    CHECK("mkdir existing (EEXIST)", mkdir("/sandbox/sub", 0755));
    CHECK("mkdir over file (EEXIST)", mkdir("/sandbox/hello.txt", 0755));
    CHECK("mkdir over dangling symlink (EEXIST)", mkdir("/sandbox/dangling", 0755));
    CHECK("symlink over dir (EEXIST)", symlink("x", "/sandbox/sub"));
    CHECK("open file as dir component (ENOTDIR)", open("/sandbox/hello.txt/x", O_RDONLY));
    CHECK("opendir on file (ENOTDIR)", opendir("/sandbox/hello.txt") ? 0 : -1);
    CHECK("rmdir on file (ENOTDIR)", rmdir("/sandbox/hello.txt"));
    CHECK("rename dir over file (ENOTDIR)", rename("/sandbox/empty", "/sandbox/hello.txt"));
    CHECK("open dir for writing (EISDIR)", open("/sandbox/sub", O_WRONLY));
    CHECK("open dir O_RDWR (EISDIR)", open("/sandbox/sub", O_RDWR));
    CHECK("open dir O_CREAT (EISDIR)", open("/sandbox/sub", O_CREAT | O_WRONLY, 0644));
    CHECK("unlink dir (EISDIR)", unlink("/sandbox/sub"));
    CHECK("rename file over dir (EISDIR)", rename("/sandbox/hello.txt", "/sandbox/empty"));
    CHECK("rmdir non-empty (ENOTEMPTY)", rmdir("/sandbox/sub"));
    CHECK("rename dir over non-empty dir (ENOTEMPTY)", rename("/sandbox/empty", "/sandbox/sub"));
    CHECK("rename dir into itself (EINVAL)", rename("/sandbox/sub", "/sandbox/sub/deeper/x"));
    CHECK("rmdir dot (EINVAL)", rmdir("/sandbox/sub/."));
    CHECK("read closed fd (EBADF)", read(50, buf, 1));
    CHECK("write closed fd (EBADF)", write(50, buf, 1));
    CHECK("close closed fd (EBADF)", close(50));
    CHECK("fstat closed fd (EBADF)", fstat(50, &st));
    CHECK("lseek closed fd (EBADF)", lseek(50, 0, SEEK_SET));
    CHECK("openat closed fd (EBADF)", openat(50, "x", O_RDONLY));
    CHECK("read negative fd (EBADF)", read(-1, buf, 1));
    int fd = open("/sandbox/hello.txt", O_RDONLY);
    CHECK("lseek negative (EINVAL)", lseek(fd, -1, SEEK_SET));
    CHECK("ftruncate read-only fd", ftruncate(fd, 0));
    CHECK("write read-only fd", write(fd, "x", 1));
    close(fd);
    CHECK("openat on file fd (ENOTDIR)", openat((fd = open("/sandbox/hello.txt", O_RDONLY)), "x", O_RDONLY));
    close(fd);
    CHECK("symlink loop 1", symlink("loop2", "/sandbox/loop1"));
    CHECK("symlink loop 2", symlink("loop1", "/sandbox/loop2"));
    CHECK("open symlink loop (ELOOP)", open("/sandbox/loop1", O_RDONLY));
    CHECK("stat symlink loop (ELOOP)", stat("/sandbox/loop1", &st));
    CHECK("lstat symlink loop", lstat("/sandbox/loop1", &st));
    CHECK("open O_NOFOLLOW on symlink (ELOOP)", open("/sandbox/link-hello", O_RDONLY | O_NOFOLLOW));
    CHECK("open O_NOFOLLOW O_DIRECTORY on dir symlink", open("/sandbox/link-sub", O_RDONLY | O_NOFOLLOW | O_DIRECTORY));
    CHECK("open through dangling symlink (ENOENT)", open("/sandbox/dangling", O_RDONLY));
    CHECK("create through dangling symlink", open("/sandbox/dangling", O_CREAT | O_WRONLY, 0644));
    char name[300];
    memset(name, 'n', 299);
    name[299] = 0;
    char path[400];
    snprintf(path, sizeof path, "/sandbox/%s", name);
    CHECK("open 299-byte name (ENAMETOOLONG)", open(path, O_CREAT | O_WRONLY, 0644));
    CHECK("mkdir 299-byte name (ENAMETOOLONG)", mkdir(path, 0755));
    CHECK("link dir (EPERM)", link("/sandbox/sub", "/sandbox/sub2"));
    CHECK("readlink on dir (EINVAL)", readlink("/sandbox/sub", buf, sizeof buf));
    CHECK("readlink missing (ENOENT)", readlink("/sandbox/missing", buf, sizeof buf));

    /* raw calls with bad arguments */
    __wasi_fd_t nfd;
    RAW("raw path_open O_DIRECTORY on file", __wasi_path_open(3, 0, "hello.txt", __WASI_OFLAGS_DIRECTORY, ALL_RIGHTS, ALL_RIGHTS, 0, &nfd));
    RAW("raw path_open O_EXCL without O_CREAT", __wasi_path_open(3, 0, "hello.txt", __WASI_OFLAGS_EXCL, ALL_RIGHTS, ALL_RIGHTS, 0, &nfd));
    RAW("raw path_open trunc on dir", __wasi_path_open(3, 0, "sub", __WASI_OFLAGS_TRUNC, ALL_RIGHTS, ALL_RIGHTS, 0, &nfd));
    RAW("raw path_open empty path", __wasi_path_open(3, 0, "", 0, ALL_RIGHTS, ALL_RIGHTS, 0, &nfd));
    RAW("raw path_open dot", __wasi_path_open(3, 0, ".", 0, ALL_RIGHTS, ALL_RIGHTS, 0, &nfd));
    RAW("raw path_create_directory empty", __wasi_path_create_directory(3, ""));
    RAW("raw path_remove_directory dot", __wasi_path_remove_directory(3, "."));
    RAW("raw path_unlink_file trailing slash", __wasi_path_unlink_file(3, "hello.txt/"));
    RAW("raw path_unlink_file dir/", __wasi_path_unlink_file(3, "sub/"));
    RAW("raw path_rename to trailing slash file", __wasi_path_rename(3, "hello.txt", 3, "moved.txt/"));
    RAW("raw path_symlink trailing slash", __wasi_path_symlink("hello.txt", 3, "sl/"));
    RAW("raw fd_read on preopen", __wasi_fd_read(3, NULL, 0, (__wasi_size_t *)buf));
    __wasi_ciovec_t iov = {(const uint8_t *)"x", 1};
    __wasi_size_t n;
    RAW("raw fd_write on preopen", __wasi_fd_write(3, &iov, 1, &n));
    RAW("raw fd_readdir on file", __wasi_fd_readdir(0, (uint8_t *)buf, sizeof buf, 0, &n));
    return 0;
}
