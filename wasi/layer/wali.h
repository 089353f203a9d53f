/* Imports from the WALI engine (module "wali"). Signatures are exactly the Wasm
 * ones of wali-spec/syscalls.tsv, aux.tsv and crates/wali-abi/spec/derived.tsv:
 * i32 -> int or pointer, i64 -> long long; every syscall returns i64 (-errno on
 * error). */
#ifndef WALI_H
#define WALI_H

#define WALI(name) __attribute__((import_module("wali"), import_name(#name)))

/* start-up, arguments, environment (aux.tsv) */
WALI(__proc_exit) void wali_proc_exit(int status) __attribute__((noreturn));
WALI(__cl_get_argc) int wali_argc(void);
WALI(__cl_get_argv_len) int wali_argv_len(int index);
WALI(__cl_copy_argv) int wali_copy_argv(char *buf, int index);
WALI(__get_init_envfile) int wali_envfile(char *buf, int size);

/* descriptors and I/O */
WALI(SYS_read) long long wali_read(int fd, void *buf, int count);
WALI(SYS_write) long long wali_write(int fd, const void *buf, int count);
WALI(SYS_pread64) long long wali_pread64(int fd, void *buf, int count, long long off);
WALI(SYS_pwrite64) long long wali_pwrite64(int fd, const void *buf, int count, long long off);
WALI(SYS_readv) long long wali_readv(int fd, const void *iov, int iovcnt);
WALI(SYS_writev) long long wali_writev(int fd, const void *iov, int iovcnt);
WALI(SYS_preadv) long long wali_preadv(int fd, const void *iov, int iovcnt, long long pos_l, long long pos_h);
WALI(SYS_pwritev) long long wali_pwritev(int fd, const void *iov, int iovcnt, long long pos_l, long long pos_h);
WALI(SYS_close) long long wali_close(int fd);
WALI(SYS_lseek) long long wali_lseek(int fd, long long off, int whence);
WALI(SYS_ioctl) long long wali_ioctl(int fd, int req, void *arg);
WALI(SYS_fcntl) long long wali_fcntl(int fd, int cmd, long long arg);
WALI(SYS_fsync) long long wali_fsync(int fd);
WALI(SYS_fdatasync) long long wali_fdatasync(int fd);
WALI(SYS_ftruncate) long long wali_ftruncate(int fd, long long len);
WALI(SYS_fadvise) long long wali_fadvise(int fd, long long off, long long len, int advice);
WALI(SYS_getdents64) long long wali_getdents64(int fd, void *buf, int count);

/* paths */
WALI(SYS_openat) long long wali_openat(int dirfd, const char *path, int flags, int mode);
WALI(SYS_mkdirat) long long wali_mkdirat(int dirfd, const char *path, int mode);
WALI(SYS_unlinkat) long long wali_unlinkat(int dirfd, const char *path, int flags);
WALI(SYS_renameat2) long long wali_renameat2(int olddir, const char *oldp, int newdir, const char *newp, int flags);
WALI(SYS_linkat) long long wali_linkat(int olddir, const char *oldp, int newdir, const char *newp, int flags);
WALI(SYS_symlinkat) long long wali_symlinkat(const char *target, int dir, const char *linkpath);
WALI(SYS_readlinkat) long long wali_readlinkat(int dir, const char *path, char *buf, int size);
WALI(SYS_utimensat) long long wali_utimensat(int dir, const char *path, const void *times, int flags);
WALI(SYS_statx) long long wali_statx(int dir, const char *path, int flags, int mask, void *buf);

/* time, poll, random, scheduling */
WALI(SYS_clock_gettime) long long wali_clock_gettime(int clk, void *ts);
WALI(SYS_clock_getres) long long wali_clock_getres(int clk, void *ts);
WALI(SYS_ppoll) long long wali_ppoll(void *fds, long long nfds, const void *tmo, const void *sigmask, int sigsetsize);
WALI(SYS_getrandom) long long wali_getrandom(void *buf, int len, int flags);
WALI(SYS_sched_yield) long long wali_sched_yield(void);

/* sockets */
WALI(SYS_accept4) long long wali_accept4(int fd, void *addr, void *addrlen, int flags);
WALI(SYS_recvmsg) long long wali_recvmsg(int fd, void *msg, int flags);
WALI(SYS_sendmsg) long long wali_sendmsg(int fd, const void *msg, int flags);
WALI(SYS_shutdown) long long wali_shutdown(int fd, int how);
WALI(SYS_getsockopt) long long wali_getsockopt(int fd, int level, int name, void *val, void *len);

#endif
