/* Self-checking tour of the WALI C library (run by toolchain/test-toolchain):
 * start-up (argv, environment, constructors), exit path (atexit, status),
 * setjmp/longjmp and sigsetjmp, malloc, stdio and files, directories,
 * time, signals, syscall() with narrow arguments, emulated calls.
 * Prints "libc features ok" and exits with status 3 when all is well. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

static int failures;
#define CHECK(c) do { if (!(c)) { printf("FAILED: %s (line %d, errno %d)\n", #c, __LINE__, errno); failures++; } } while (0)

static int ctor_ran;
__attribute__((constructor)) static void ctor(void) { ctor_ran = 1; }
static void at_exit(void) { printf("atexit ran\n"); fflush(stdout); }

static jmp_buf jb;
static int dive(int n) { if (!n) longjmp(jb, 0); return dive(n - 1) + 1; }

static volatile sig_atomic_t got_signal;
static void on_usr1(int sig) { got_signal = sig; }

int main(int argc, char **argv)
{
	atexit(at_exit);
	CHECK(ctor_ran);
	CHECK(argc >= 1 && argv[argc] == NULL);
	CHECK(getenv("PATH") == NULL || strchr(getenv("PATH"), '=') == NULL);

	/* longjmp(jb, 0) must make setjmp return 1 */
	int r = setjmp(jb);
	if (r == 0) dive(30);
	CHECK(r == 1);

	/* sigsetjmp restores the signal mask it saved */
	sigjmp_buf sj;
	sigset_t set, cur;
	sigemptyset(&set);
	if (!sigsetjmp(sj, 1)) {
		sigaddset(&set, SIGUSR2);
		sigprocmask(SIG_BLOCK, &set, 0);
		siglongjmp(sj, 1);
	}
	sigprocmask(SIG_SETMASK, 0, &cur);
	CHECK(!sigismember(&cur, SIGUSR2));

	/* malloc: small, large (mmap), realloc */
	char *p = malloc(24), *q = malloc(8 << 20);
	CHECK(p && q);
	memset(q, 0x5a, 8 << 20);
	q = realloc(q, 16 << 20);
	CHECK(q && q[(8 << 20) - 1] == 0x5a);
	free(p); free(q);

	/* math through libcalls whose `long` is 64-bit here */
	volatile double x = 2.5e10;
	CHECK(lround(x) == 25000000000L && lrint(-x) == -25000000000L && llround(x) == 25000000000LL);
	CHECK(fabs(sqrt(2.0) - 1.41421356237) < 1e-9);
	char buf[128];
	snprintf(buf, sizeof buf, "%.3Lf %ld %zu %p", (long double)1 / 3, -1L, (size_t)7, (void *)0);
	CHECK(strcmp(buf, "0.333 -1 7 0") == 0);

	/* ABI: sizes the interface fixes */
	CHECK(sizeof(long) == 8 && sizeof(void *) == 4 && sizeof(size_t) == 4 && sizeof(off_t) == 8);
	CHECK(sizeof(struct stat) == 144 && sizeof(struct epoll_event) == 12 && sizeof(time_t) == 8);
	CHECK((long)(int)(intptr_t)SIG_IGN == -2 && SIG_DFL == 0 && (long)(int)(intptr_t)SIG_ERR == -1);

	/* files: write, read back, stat, sendfile (emulated), remove */
	char path[] = "/tmp/wali-libc-XXXXXX", path2[] = "/tmp/wali-libc2-XXXXXX";
	int fd = mkstemp(path), fd2 = mkstemp(path2);
	CHECK(fd >= 0 && fd2 >= 0);
	FILE *f = fdopen(fd, "w+");
	CHECK(f && fprintf(f, "one\ntwo\nthree\n") == 14 && fflush(f) == 0);
	rewind(f);
	int lines = 0;
	while (fgets(buf, sizeof buf, f)) lines++;
	CHECK(lines == 3);
	struct stat st;
	CHECK(stat(path, &st) == 0 && st.st_size == 14 && S_ISREG(st.st_mode));
	off_t off = 4;
	CHECK(sendfile(fd2, fileno(f), &off, 100) == 10 && off == 14);
	CHECK(pread(fd2, buf, 10, 0) == 10 && memcmp(buf, "two\nthree\n", 10) == 0);
	fclose(f); close(fd2);
	CHECK(unlink(path) == 0 && unlink(path2) == 0);
	errno = 0;
	CHECK(open(path, O_RDONLY) == -1 && errno == ENOENT);

	/* directories */
	DIR *d = opendir("/");
	int ents = 0;
	struct dirent *de;
	while (d && (de = readdir(d))) ents++;
	if (d) closedir(d);
	CHECK(ents >= 3);
	CHECK(getcwd(buf, sizeof buf) != NULL && buf[0] == '/');

	/* system information and time */
	struct utsname u;
	CHECK(uname(&u) == 0 && strcmp(u.sysname, "Linux") == 0);
	CHECK(getpid() > 0 && getppid() >= 0);
	struct timespec ts;
	CHECK(clock_gettime(CLOCK_REALTIME, &ts) == 0 && ts.tv_sec > 1600000000);
	struct tms tm;
	CHECK(times(&tm) != (clock_t)-1);
	CHECK(sched_get_priority_max(SCHED_FIFO) == 99 && sched_get_priority_min(SCHED_OTHER) == 0);

	/* syscall() with int and pointer arguments (converted by <unistd.h>) */
	CHECK(syscall(SYS_write, 1, "syscall write ok\n", 17) == 17);
	CHECK(syscall(SYS_getpid) == getpid());

	/* brk is not used for memory under WALI */
	errno = 0;
	CHECK(brk((void *)0x1000) == -1 && errno == ENOMEM);

	/* a signal handler, delivered to ourselves */
	struct sigaction sa = { .sa_handler = on_usr1 };
	CHECK(sigaction(SIGUSR1, &sa, 0) == 0);
	CHECK(raise(SIGUSR1) == 0);
	for (int i = 0; i < 1000 && !got_signal; i++) sched_yield();
	CHECK(got_signal == SIGUSR1);
	struct sigaction old;
	CHECK(signal(SIGUSR1, SIG_IGN) == on_usr1);
	CHECK(sigaction(SIGUSR1, 0, &old) == 0 && old.sa_handler == SIG_IGN);

	if (failures) {
		printf("%d failure%s\n", failures, failures == 1 ? "" : "s");
		return 1;
	}
	printf("libc features ok\n");
	return 3;
}
