/* demo.c - a tour of what a WALI program can do, built with plain C.
 *
 *   toolchain/wali-cc -O2 examples/demo.c -o build/demo.wasm
 *   wali run build/demo.wasm [args...]
 *
 * Everything below is ordinary Linux C: the C library turns each call into
 * a `wali` import (SYS_uname, SYS_getpid, SYS_clock_gettime, SYS_openat,
 * SYS_write, SYS_mmap ...), which the engine runs as a real syscall. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

static int failures;

static void check(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "demo: %s failed: %s\n", what, strerror(errno));
		failures++;
	}
}

/* A little computation: the primes below 100, with a sieve on the heap. */
static void primes(void)
{
	enum { N = 100 };
	char *composite = calloc(N, 1);
	int count = 0;
	check(composite != NULL, "calloc");
	if (!composite) return;
	printf("primes below %d:", N);
	for (int i = 2; i < N; i++) {
		if (composite[i]) continue;
		printf(" %d", i);
		count++;
		for (int j = i * i; j < N; j += i) composite[j] = 1;
	}
	printf(" (%d of them)\n", count);
	free(composite);
}

/* Write a file, read it back, remove it. */
static void files(void)
{
	char path[] = "/tmp/wali-demo-XXXXXX";
	int fd = mkstemp(path);
	check(fd >= 0, "mkstemp");
	if (fd < 0) return;
	const char msg[] = "written by a WebAssembly program\n";
	check(write(fd, msg, sizeof msg - 1) == (ssize_t)sizeof msg - 1, "write");
	check(close(fd) == 0, "close");

	FILE *f = fopen(path, "r");
	check(f != NULL, "fopen");
	if (f) {
		char line[64] = "";
		check(fgets(line, sizeof line, f) != NULL, "fgets");
		fclose(f);
		struct stat st;
		check(stat(path, &st) == 0, "stat");
		printf("temp file %s: %lld bytes, says: %s", path, (long long)st.st_size, line);
		check(strcmp(line, msg) == 0, "read back");
	}
	check(unlink(path) == 0, "unlink");
	check(access(path, F_OK) != 0 && errno == ENOENT, "file removed");
}

/* setjmp/longjmp (lowered to Wasm exception handling). */
static jmp_buf recover;

static int dive(int depth)
{
	if (depth == 0) longjmp(recover, 7);
	return dive(depth - 1) + 1;
}

static void jumps(void)
{
	volatile int tries = 0;
	int r = setjmp(recover);
	if (r == 0) {
		tries++;
		dive(20);
	}
	printf("longjmp out of 20 nested calls returned %d after %d try\n", r, tries);
	check(r == 7 && tries == 1, "setjmp/longjmp");
}

int main(int argc, char **argv)
{
	struct utsname u;
	check(uname(&u) == 0, "uname");
	printf("Hello from WebAssembly! This is %s %s on %s, pid %d.\n",
	       u.sysname, u.release, u.machine, (int)getpid());

	time_t now = time(NULL);
	struct tm tm;
	char when[64];
	strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S UTC", gmtime_r(&now, &tm));
	printf("It is %s.\n", when);

	char cwd[4096];
	if (getcwd(cwd, sizeof cwd)) printf("Working directory: %s\n", cwd);
	const char *home = getenv("HOME");
	printf("HOME is %s\n", home ? home : "(not set)");

	printf("%d argument%s:", argc, argc == 1 ? "" : "s");
	for (int i = 0; i < argc; i++) printf(" [%s]", argv[i]);
	printf("\n");

	primes();
	files();
	jumps();

	if (failures) {
		printf("%d check%s failed\n", failures, failures == 1 ? "" : "s");
		return 1;
	}
	printf("All good.\n");
	return 0;
}
