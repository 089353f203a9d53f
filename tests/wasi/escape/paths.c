// Escapes with absolute paths (/etc/passwd, the host paths of the sandbox
// and the secret, /proc/self/...), embedded NULs, invalid UTF-8, very long
// paths, hard links and renames across the sandbox's edge.
#include "escape.h"

int main(void) {
    char p[600];
    /* absolute paths handed to the runtime directly: WASI paths are relative */
    attempt("raw /etc/passwd", 3, "/etc/passwd");
    attempt("raw /", 3, "/");
    attempt("raw /sandbox/hello.txt", 3, "/sandbox/hello.txt");
    attempt("raw host path of the secret", 3, host_secret());
    snprintf(p, sizeof p, "%s/hello.txt", host_sandbox());
    attempt("raw host path of the sandbox's hello.txt", 3, p);
    attempt("raw /proc/self/environ", 3, "/proc/self/environ");
    attempt("raw /proc/self/root/etc/passwd", 3, "/proc/self/root/etc/passwd");
    attempt("raw /proc/self/fd/0", 3, "/proc/self/fd/0");
    attempt("raw /proc/self/cwd", 3, "/proc/self/cwd");
    attempt("raw /dev/null", 3, "/dev/null");
    attempt("raw proc/self/environ (relative)", 3, "proc/self/environ");
    attempt_stat("raw filestat /etc", 3, 0, "/etc");
    attempt_stat("raw filestat /proc/self", 3, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "/proc/self");
    RAW("raw mkdir /tmp/wasi-escape-made", __wasi_path_create_directory(3, "/tmp/wasi-escape-made"));
    RAW("raw unlink host secret", __wasi_path_unlink_file(3, host_secret()));
    /* libc: absolute paths outside every preopen */
    attempt_libc("libc /etc/passwd", "/etc/passwd", O_RDONLY);
    attempt_libc("libc /proc/self/environ", "/proc/self/environ", O_RDONLY);
    attempt_libc("libc /proc/self/fd/7", "/proc/self/fd/7", O_RDONLY);
    attempt_libc("libc host path of the secret", host_secret(), O_RDONLY);
    attempt_libc("libc create /tmp/wasi-escape.txt", "/tmp/wasi-escape.txt", O_CREAT | O_WRONLY);
    attempt_libc("libc /sandbox/hello.txt (inside)", "/sandbox/hello.txt", O_RDONLY);

    /* embedded NUL: the runtime must not stop at the NUL and open the prefix */
    attempt_len("NUL: hello.txt\\0../secret.txt", 3, 0, "hello.txt\0../secret.txt", 23, 0, READ_RIGHTS);
    attempt_len("NUL: ../secret.txt\\0", 3, 0, "../secret.txt\0", 14, 0, READ_RIGHTS);
    attempt_len("NUL: sub\\0", 3, 0, "sub\0", 4, 0, READ_RIGHTS);
    attempt_len("NUL: \\0", 3, 0, "\0", 1, 0, READ_RIGHTS);
    attempt_len("length 5 of hello.txt (hello)", 3, 0, "hello.txt", 5, 0, READ_RIGHTS);
    attempt_len("length 0", 3, 0, "hello.txt", 0, 0, READ_RIGHTS);
    attempt_len("invalid UTF-8", 3, 0, "hello\xff.txt", 10, 0, READ_RIGHTS);
    attempt_len("invalid UTF-8 with ..", 3, 0, "..\xc0/secret.txt", 15, 0, READ_RIGHTS);
    attempt_len("create with NUL", 3, 0, "made\0.txt", 9, __WASI_OFLAGS_CREAT, ALL_RIGHTS);

    /* very long paths */
    static char longp[70000];
    size_t n = 0;
    while (n + 3 < 5000) { memcpy(longp + n, "../", 3); n += 3; }
    memcpy(longp + n, "secret.txt", 11);
    attempt("5000 bytes of ../", 3, longp);
    n = 0;
    while (n + 4 < 65000) { memcpy(longp + n, "sub/", 4); n += 4; }
    longp[n] = 0;
    attempt("65000 bytes of sub/", 3, longp);
    n = 0;
    while (n + 2 < 65000) { memcpy(longp + n, "./", 2); n += 2; }
    memcpy(longp + n, "hello.txt", 10);
    attempt("65000 bytes of ./ then hello.txt", 3, longp);
    memset(longp, 'x', 4000);
    longp[4000] = 0;
    attempt("one 4000-byte name", 3, longp);
    n = 0;
    for (int i = 0; i < 200; i++) { memcpy(longp + n, "sub/deeper/../../", 17); n += 17; }
    memcpy(longp + n, "hello.txt", 10);
    attempt("200 x sub/deeper/../../ then hello.txt (3409 bytes, inside)", 3, longp);
    memcpy(longp + n, "../secret.txt", 14);
    attempt("200 x sub/deeper/../../ then ../secret.txt", 3, longp);

    /* hard links and renames across the edge */
    RAW("link ../secret.txt -> stolen", __wasi_path_link(3, 0, "../secret.txt", 3, "stolen"));
    RAW("link hello.txt -> ../planted", __wasi_path_link(3, 0, "hello.txt", 3, "../planted"));
    RAW("link /etc/passwd -> passwd", __wasi_path_link(3, 0, "/etc/passwd", 3, "passwd"));
    RAW("link host secret -> stolen2", __wasi_path_link(3, 0, host_secret(), 3, "stolen2"));
    RAW("rename ../secret.txt -> stolen", __wasi_path_rename(3, "../secret.txt", 3, "stolen"));
    RAW("rename hello.txt -> ../moved-out", __wasi_path_rename(3, "hello.txt", 3, "../moved-out"));
    RAW("rename sub -> ../moved-out-dir", __wasi_path_rename(3, "sub", 3, "../moved-out-dir"));
    RAW("rename ../outside -> inside", __wasi_path_rename(3, "../outside", 3, "inside"));
    RAW("rename hello.txt -> /tmp/moved", __wasi_path_rename(3, "hello.txt", 3, "/tmp/moved"));
    RAW("rename host secret -> stolen3", __wasi_path_rename(3, host_secret(), 3, "stolen3"));
    int32_t sub = -1;
    int e = raw_path_open(3, 0, "sub", 3, __WASI_OFLAGS_DIRECTORY, DIR_RIGHTS, ALL_RIGHTS, 0, &sub);
    printf("open sub: %s\n", ename(e));
    RAW("rename from sub fd: a.txt -> ../../moved-out", __wasi_path_rename(sub, "a.txt", 3, "../moved-out"));
    RAW("rename from sub fd: ../../secret.txt -> x", __wasi_path_rename(sub, "../../secret.txt", 3, "x"));
    RAW("rename sub/a.txt -> hello-moved (inside: allowed)", __wasi_path_rename(sub, "a.txt", 3, "hello-moved"));
    RAW("link ../secret.txt via sub fd", __wasi_path_link(sub, 0, "../../secret.txt", 3, "stolen4"));
    RAW("symlink from sub fd: ../x", __wasi_path_symlink("y", sub, "../../x"));
    return 0;
}
