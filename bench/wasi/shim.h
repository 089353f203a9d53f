/* Force-included (-include) when bench/run builds sqlite's speedtest1 for
 * WASI preview 1 with Debian's wasi-libc: declares what SQLite's unix VFS
 * names but wasi-libc lacks. The benchmark runs on an in-memory database with
 * in-memory temporary storage, so none of these matters at run time;
 * shim.c defines stand-ins. The lock constants only let os_unix.c compile:
 * wasi-libc's fcntl() rejects them (EINVAL). */
#ifndef WALI_BENCH_WASI_SHIM_H
#define WALI_BENCH_WASI_SHIM_H
#include <sys/types.h>
#include <fcntl.h>
#ifndef F_GETLK
#define F_GETLK 5
#define F_SETLK 6
#define F_SETLKW 7
#define F_RDLCK 0
#define F_WRLCK 1
#define F_UNLCK 2
#endif
int fchmod(int fd, mode_t mode);
int fchown(int fd, uid_t owner, gid_t group);
uid_t geteuid(void);
int getpagesize(void);
#endif
