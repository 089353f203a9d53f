// Escapes with "..": from the preopen, from a subdirectory, through a
// directory descriptor opened inside, with "." then "..", in every path call.
#include "escape.h"

int main(void) {
    attempt("open ..", 3, "..");
    attempt("open ../secret.txt", 3, "../secret.txt");
    attempt("open ./../secret.txt", 3, "./../secret.txt");
    attempt("open sub/../../secret.txt", 3, "sub/../../secret.txt");
    attempt("open sub/deeper/../../../secret.txt", 3, "sub/deeper/../../../secret.txt");
    attempt("open sub/../sub/../..", 3, "sub/../sub/../..");
    attempt("open ../sandbox/hello.txt (back in, through the parent)", 3, "../sandbox/hello.txt");
    attempt("open .. with trailing slash", 3, "../");
    attempt("open .//..//secret.txt", 3, ".//..//secret.txt");
    attempt("open sub/deeper/../../hello.txt (inside: allowed)", 3, "sub/deeper/../../hello.txt");

    /* a descriptor of a subdirectory: its ".." is inside the sandbox, but WASI
     * confines every lookup to the descriptor's own directory */
    int32_t sub = -1;
    int e = raw_path_open(3, 0, "sub", 3, __WASI_OFLAGS_DIRECTORY, READ_RIGHTS, READ_RIGHTS, 0, &sub);
    printf("open sub: %s\n", ename(e));
    attempt("from sub: ..", sub, "..");
    attempt("from sub: ../hello.txt", sub, "../hello.txt");
    attempt("from sub: ../../secret.txt", sub, "../../secret.txt");
    attempt("from sub: deeper/../../../secret.txt", sub, "deeper/../../../secret.txt");
    attempt("from sub: deeper/../a.txt (inside: allowed)", sub, "deeper/../a.txt");

    /* "." then ".." from it */
    int32_t dot = -1;
    e = raw_path_open(3, 0, ".", 1, __WASI_OFLAGS_DIRECTORY, READ_RIGHTS, READ_RIGHTS, 0, &dot);
    printf("open .: %s\n", ename(e));
    attempt("from .: ..", dot, "..");
    attempt("from .: ../secret.txt", dot, "../secret.txt");
    int32_t dot2 = -1;
    e = raw_path_open(dot, 0, "./.", 3, __WASI_OFLAGS_DIRECTORY, READ_RIGHTS, READ_RIGHTS, 0, &dot2);
    printf("open ./. from .: %s\n", ename(e));
    attempt("from ./.: ../../secret.txt", dot2, "../../secret.txt");

    /* path_filestat_get on .. and friends */
    attempt_stat("filestat ..", 3, 0, "..");
    attempt_stat("filestat ../secret.txt", 3, 0, "../secret.txt");
    attempt_stat("filestat follow ..", 3, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "..");
    attempt_stat("filestat sub/../..", 3, 0, "sub/../..");
    attempt_stat("filestat from sub: ..", sub, 0, "..");
    attempt_stat("filestat . (inside)", 3, 0, ".");

    /* every other path call with ".." */
    RAW("create_directory ../made", __wasi_path_create_directory(3, "../made"));
    RAW("create_directory sub/../../made", __wasi_path_create_directory(3, "sub/../../made"));
    RAW("remove_directory ../outside", __wasi_path_remove_directory(3, "../outside"));
    RAW("unlink_file ../secret.txt", __wasi_path_unlink_file(3, "../secret.txt"));
    RAW("unlink_file from sub: ../../secret.txt", __wasi_path_unlink_file(sub, "../../secret.txt"));
    RAW("symlink ../made-link", __wasi_path_symlink("hello.txt", 3, "../made-link"));
    char buf[128];
    __wasi_size_t n;
    RAW("readlink ../secret.txt", __wasi_path_readlink(3, "../secret.txt", (uint8_t *)buf, sizeof buf, &n));
    __wasi_timestamp_t t = 1000000000ULL * 1000000000ULL;
    RAW("filestat_set_times ../secret.txt", __wasi_path_filestat_set_times(3, 0, "../secret.txt", t, t, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM));
    RAW("filestat_set_times ..", __wasi_path_filestat_set_times(3, 0, "..", t, t, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM));
    int32_t fd = -1;
    e = raw_path_open(3, 0, "../created.txt", 14, __WASI_OFLAGS_CREAT, ALL_RIGHTS, ALL_RIGHTS, 0, &fd);
    printf("create ../created.txt: %s\n", ename(e));
    e = raw_path_open(3, 0, "../secret.txt", 13, __WASI_OFLAGS_TRUNC, ALL_RIGHTS, ALL_RIGHTS, 0, &fd);
    printf("truncate ../secret.txt: %s\n", ename(e));
    /* the same through libc (which resolves against the preopen itself) */
    attempt_libc("libc open /sandbox/../secret.txt", "/sandbox/../secret.txt", O_RDONLY);
    attempt_libc("libc open /sandbox/sub/../../secret.txt", "/sandbox/sub/../../secret.txt", O_RDONLY);
    attempt_libc("libc open /../secret.txt", "/../secret.txt", O_RDONLY);
    attempt_libc("libc create /sandbox/../new.txt", "/sandbox/../new.txt", O_CREAT | O_WRONLY);
    return 0;
}
