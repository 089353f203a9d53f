/* Stand-ins for calls that WASI preview 1 (Debian's wasi-libc) lacks, linked
 * into the WASI builds of bench/run: sqlite's unix VFS names the file-mode
 * ones (see shim.h), Lua's io/os libraries the others. The benchmarks never
 * reach them; each fails the way a C program can cope with. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include "shim.h"

int fchmod(int fd, mode_t mode) { (void)fd; (void)mode; errno = ENOSYS; return -1; }
int fchown(int fd, uid_t owner, gid_t group) { (void)fd; (void)owner; (void)group; errno = ENOSYS; return -1; }
uid_t geteuid(void) { return 0; }
int getpagesize(void) { return 65536; }

FILE *tmpfile(void) { errno = ENOSYS; return NULL; }
char *tmpnam(char *buf) { (void)buf; return NULL; }
/* system(NULL) answers "no shell", as C allows. */
int system(const char *cmd) { if (!cmd) return 0; errno = ENOSYS; return -1; }
