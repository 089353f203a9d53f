// Escapes through symlinks created inside the sandbox: absolute targets
// (/etc/passwd, the secret's host path, the sandbox's own host path),
// relative ones climbing out, chains, loops, symlinks as directory
// components, creating and writing through them.
#include "escape.h"

static void mk(const char *target, const char *name) {
    __wasi_errno_t e = __wasi_path_symlink(target, 3, name);
    if (e) printf("symlink %s: %s\n", name, ename(e));
}

static void readlink_check(const char *name, const char *expect) {
    char buf[512];
    __wasi_size_t n = 0;
    __wasi_errno_t e = __wasi_path_readlink(3, name, (uint8_t *)buf, sizeof buf, &n);
    if (e) { printf("readlink %s: %s\n", name, ename(e)); return; }
    printf("readlink %s: %u bytes, as written: %d\n", name, (unsigned)n, n == strlen(expect) && memcmp(buf, expect, n) == 0);
}

int main(void) {
    char abs_secret[512], abs_sandbox[512], abs_outside[512];
    snprintf(abs_secret, sizeof abs_secret, "%s", host_secret());
    snprintf(abs_sandbox, sizeof abs_sandbox, "%s/hello.txt", host_sandbox());
    snprintf(abs_outside, sizeof abs_outside, "%s/../outside", host_sandbox());
    /* making the links is allowed (they are only names inside); following them is not */
    mk("/etc/passwd", "to-passwd");
    mk(abs_secret, "to-secret-abs");
    mk(abs_sandbox, "to-own-host-path");
    mk("../secret.txt", "to-secret-rel");
    mk("../../secret.txt", "sub/to-secret-rel2");
    mk("..", "to-parent");
    mk("../outside", "to-outside-dir");
    mk(abs_outside, "to-outside-dir-abs");
    mk("/", "to-root");
    mk("/proc/self/root/etc/passwd", "to-proc");
    mk("to-secret-rel", "chain1");
    mk("chain1", "chain2");
    mk("sub/to-secret-rel2", "chain3");
    mk("sub/../to-parent", "chain4");
    mk("loop-b", "loop-a");
    mk("loop-a", "loop-b");
    mk("self", "self");
    mk("to-outside-dir/new.txt", "create-through");
    mk(".", "dot-link");

    readlink_check("to-passwd", "/etc/passwd");
    readlink_check("to-secret-abs", abs_secret);
    readlink_check("to-secret-rel", "../secret.txt");
    readlink_check("sub/to-secret-rel2", "../../secret.txt");
    readlink_check("chain2", "chain1");

    const char *names[] = {"to-passwd", "to-secret-abs", "to-own-host-path", "to-secret-rel", "sub/to-secret-rel2",
                           "to-parent", "to-outside-dir", "to-outside-dir-abs", "to-root", "to-proc", "chain1", "chain2",
                           "chain3", "chain4", "loop-a", "self", "dot-link/../secret.txt", "to-parent/secret.txt",
                           "to-outside-dir/file.txt", "to-outside-dir-abs/file.txt", "to-root/etc/passwd",
                           "link-sub/../../secret.txt", "link-sub/../hello.txt",
                           /* planted by the harness (a guest cannot make absolute links in Wasmtime) */
                           "host-abs-secret", "host-abs-passwd", "host-abs-outside", "host-abs-outside/file.txt",
                           "host-abs-root/etc/passwd", "host-abs-sandbox/hello.txt", "sub/host-rel-secret",
                           "host-abs-secret/", "host-abs-outside/../secret.txt"};
    char label[300];
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        snprintf(label, sizeof label, "follow %s", names[i]);
        attempt(label, 3, names[i]);
        snprintf(label, sizeof label, "nofollow %s", names[i]);
        attempt_nofollow(label, 3, names[i]);
        snprintf(label, sizeof label, "filestat follow %s", names[i]);
        attempt_stat(label, 3, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, names[i]);
    }

    /* writing through links: create, truncate, mkdir, times */
    int32_t fd = -1;
    const char *w[] = {"create-through", "to-secret-rel", "to-outside-dir/new2.txt", "chain2", "host-abs-secret",
                       "host-abs-outside/new3.txt", "sub/host-rel-secret", "host-abs-sandbox/new4.txt"};
    for (size_t i = 0; i < sizeof w / sizeof *w; i++) {
        int e = raw_path_open(3, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, w[i], strlen(w[i]), __WASI_OFLAGS_CREAT | __WASI_OFLAGS_TRUNC,
                              ALL_RIGHTS, ALL_RIGHTS, 0, &fd);
        printf("create/truncate through %s: %s\n", w[i], ename(e));
        if (e == 0) {
            __wasi_ciovec_t iov = {(const uint8_t *)"PWNED\n", 6};
            __wasi_size_t n;
            (void)__wasi_fd_write(fd, &iov, 1, &n);
        }
    }
    RAW("mkdir to-outside-dir/made", __wasi_path_create_directory(3, "to-outside-dir/made"));
    RAW("mkdir to-parent/made", __wasi_path_create_directory(3, "to-parent/made"));
    RAW("unlink to-outside-dir/file.txt", __wasi_path_unlink_file(3, "to-outside-dir/file.txt"));
    RAW("unlink to-parent/secret.txt", __wasi_path_unlink_file(3, "to-parent/secret.txt"));
    __wasi_timestamp_t t = 1000000000ULL * 1000000000ULL;
    RAW("set_times follow to-secret-rel", __wasi_path_filestat_set_times(3, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "to-secret-rel", t, t,
                                                                       __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM));
    RAW("set_times follow host-abs-secret", __wasi_path_filestat_set_times(3, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "host-abs-secret", t, t,
                                                                       __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM));
    RAW("symlink in to-outside-dir", __wasi_path_symlink("x", 3, "to-outside-dir/planted"));
    RAW("rename into to-outside-dir", __wasi_path_rename(3, "hello.txt", 3, "to-outside-dir/hello.txt"));
    RAW("rename from to-parent", __wasi_path_rename(3, "to-parent/secret.txt", 3, "stolen.txt"));
    RAW("rename from host-abs-outside", __wasi_path_rename(3, "host-abs-outside/file.txt", 3, "stolen2.txt"));
    RAW("rename into host-abs-outside", __wasi_path_rename(3, "hello.txt", 3, "host-abs-outside/hello.txt"));
    RAW("link from host-abs-outside", __wasi_path_link(3, 0, "host-abs-outside/file.txt", 3, "stolen3.txt"));
    RAW("link follow host-abs-secret", __wasi_path_link(3, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "host-abs-secret", 3, "stolen4.txt"));
    RAW("link follow to-secret-rel", __wasi_path_link(3, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "to-secret-rel", 3, "stolen5.txt"));
    /* libc follows nothing itself: the same requests through open() */
    attempt_libc("libc open /sandbox/to-secret-rel", "/sandbox/to-secret-rel", O_RDONLY);
    attempt_libc("libc open /sandbox/to-passwd", "/sandbox/to-passwd", O_RDONLY);
    attempt_libc("libc open /sandbox/to-parent/secret.txt", "/sandbox/to-parent/secret.txt", O_RDONLY);
    attempt_libc("libc write /sandbox/host-abs-secret", "/sandbox/host-abs-secret", O_WRONLY | O_TRUNC);
    attempt_libc("libc create /sandbox/host-abs-outside/x", "/sandbox/host-abs-outside/x", O_WRONLY | O_CREAT);
    struct stat st;
    CHECK("libc stat /sandbox/host-abs-secret", stat("/sandbox/host-abs-secret", &st));
    CHECK("libc lstat /sandbox/host-abs-secret", lstat("/sandbox/host-abs-secret", &st));
    CHECK("libc unlink /sandbox/host-abs-secret (the link itself: allowed)", unlink("/sandbox/host-abs-secret"));
    /* the symlinks are still there, unchanged (the harness compares the trees) */
    return 0;
}
