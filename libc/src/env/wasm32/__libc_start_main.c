#include <elf.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include "syscall.h"
#include "atomic.h"
#include "libc.h"
#include "wali.h"

/* Process start-up under WALI (see the interface's start-up section):
 *   _start (crt1.o) -> __wali_start_main -> __init() -> arguments and
 *   environment from the engine -> __init_libc -> constructors -> main
 *   -> exit -> __deinit() -> __proc_exit(status).
 * Start-up failures end the process with the reserved statuses 257-261.
 * Nothing here may set errno or use malloc: libc is not initialised yet. */

/* Synthesised by wasm-ld: runs the C/C++ constructors. */
void __wasm_call_ctors(void);

static void dummy1(void *p) {}
weak_alias(dummy1, __init_ssp);

#define AUX_CNT 38

#ifdef __GNUC__
__attribute__((__noinline__))
#endif
void __init_libc(char **envp, char *pn)
{
	size_t i, *auxv, aux[AUX_CNT] = { 0 };
	__environ = envp;
	for (i=0; envp[i]; i++);
	libc.auxv = auxv = (void *)(envp+i+1);
	for (i=0; auxv[i]; i+=2) if (auxv[i]<AUX_CNT) aux[auxv[i]] = auxv[i+1];
	__hwcap = aux[AT_HWCAP];
	if (aux[AT_SYSINFO]) __sysinfo = aux[AT_SYSINFO];
	libc.page_size = aux[AT_PAGESZ];

	if (!pn) pn = (void*)aux[AT_EXECFN];
	if (!pn) pn = "";
	__progname = __progname_full = pn;
	for (i=0; pn[i]; i++) if (pn[i]=='/') __progname = pn+i+1;

	__init_tls(aux);
	__init_ssp((void *)aux[AT_RANDOM]);
	/* No AT_SECURE: a WALI module never runs set-id. */
}

static void libc_start_init(void)
{
	__wasm_call_ctors();
}

weak_alias(libc_start_init, __libc_start_init);

typedef int lsm2_fn(int (*)(int,char **,char **), int, char **);
static lsm2_fn libc_start_main_stage2;

int __libc_start_main(int (*main)(int,char **,char **), int argc, char **argv,
	void (*init_dummy)(), void(*fini_dummy)(), void(*ldso_dummy)())
{
	char **envp = argv+argc+1;

	/* External linkage, and explicit noinline attribute if available,
	 * are used to prevent the stack frame used during init from
	 * persisting for the entire process lifetime. */
	__init_libc(envp, argv[0]);

	/* Barrier against hoisting application code or anything using ssp
	 * or thread pointer prior to its initialization above. */
	lsm2_fn *stage2 = libc_start_main_stage2;
	__asm__ ( "" : "+r"(stage2) : : "memory" );
	return stage2(main, argc, argv);
}

static int libc_start_main_stage2(int (*main)(int,char **,char **), int argc, char **argv)
{
	char **envp = argv+argc+1;
	__libc_start_init();

	/* Pass control to the application */
	exit(main(argc, argv, envp));
	return 0;
}

/* ------------------------------------------------------------------ */

/* For __main_void (a 3-argument main): the original arguments. */
hidden int __wali_argc;
hidden char **__wali_argv, **__wali_envp;
static int (*wali_main)(int, char **);

struct main_call { int argc; char **argv; int status; };

static void *run_main(void *p)
{
	struct main_call *c = p;
	c->status = wali_main(c->argc, c->argv);
	return 0;
}

static int call_main(int argc, char **argv, char **envp)
{
	struct main_call c = { argc, argv, 0 };
	__wali_call_guarded(run_main, &c);
	return c.status;
}

#define MAP_FAILED_P(p) ((unsigned long)(p) > -4096UL)

static void *map_anon(size_t n)
{
	long p = __syscall(SYS_mmap, 0, n, PROT_READ|PROT_WRITE,
		MAP_PRIVATE|MAP_ANONYMOUS, -1, 0);
	if (MAP_FAILED_P(p)) __wali_proc_exit(WALI_EXIT_NOMEM);
	return (void *)p;
}

/* Reads the whole environment file; returns its size, text in *out. */
static size_t read_envfile(const char *path, char **out)
{
	int fd = __syscall(SYS_open, path, O_RDONLY|O_CLOEXEC|O_LARGEFILE, 0);
	if (fd < 0) __wali_proc_exit(WALI_EXIT_ENV_READ);
	struct stat st;
	size_t cap = 4096, len = 0;
	if (!__syscall(SYS_fstat, fd, &st) && st.st_size > 0 && st.st_size < (1L<<30))
		cap = st.st_size + 1;
	char *buf = map_anon(cap);
	for (;;) {
		if (len + 1 >= cap) {
			char *nb = map_anon(2*cap);
			memcpy(nb, buf, len);
			__syscall(SYS_munmap, buf, cap);
			buf = nb;
			cap *= 2;
		}
		long r = __syscall(SYS_read, fd, buf+len, cap-1-len);
		if (r == -EINTR) continue;
		if (r < 0) __wali_proc_exit(WALI_EXIT_ENV_READ);
		if (!r) break;
		len += r;
	}
	__syscall(SYS_close, fd);
	buf[len] = 0;
	*out = buf;
	return len;
}

/* Tells the engine, by its name among the module's exports, that this
 * library reads a NUL-separated environment file (docs/toolchain.md). */
__attribute__((__export_name__("__wali_env_nul"))) void __wali_env_nul(void) {}

static char envfile_name[4096];

_Noreturn void __wali_start_main(int (*main)(int, char **))
{
	size_t i, argc, argbytes = 0, envlen = 0, envc = 0;
	char *envtext = 0;

	if (__wali_init() != 0) __wali_proc_exit(WALI_EXIT_INIT);

	/* The module's start function points __tls_base at the static TLS
	 * block only in the instance that initialised memory. Should the
	 * engine have instantiated the module before this one, give this
	 * instance a TLS block of its own. */
	if (!__builtin_wasm_tls_base() && __builtin_wasm_tls_size()) {
		size_t align = __builtin_wasm_tls_align();
		uintptr_t p = (uintptr_t)map_anon(__builtin_wasm_tls_size() + align);
		__wasm_init_tls((void *)((p + align - 1) & -(uintptr_t)align));
	}

	/* Environment: a file of NAME=value lines, read with ordinary syscalls. */
	int r = __wali_get_init_envfile(envfile_name, sizeof envfile_name);
	if (r == 1) {
		if (!memchr(envfile_name, 0, sizeof envfile_name) || !envfile_name[0])
			__wali_proc_exit(WALI_EXIT_ENV_NAME);
		envlen = read_envfile(envfile_name, &envtext);
	} else if (r != 0) {
		__wali_proc_exit(WALI_EXIT_ENV_NAME);
	}
	/* NUL-terminated entries from an engine that saw __wali_env_nul
	 * (values may hold newlines), else one variable per line. */
	if (!memchr(envtext, 0, envlen))
		for (i=0; i<envlen; i++) if (envtext[i]=='\n') envtext[i] = 0;
	for (i=0; i<envlen; i += strlen(envtext+i) + 1)
		if (strchr(envtext+i, '=') && envtext[i] != '=') envc++;

	/* Arguments. */
	argc = __wali_cl_get_argc();
	if (argc > (1<<20)) __wali_proc_exit(WALI_EXIT_NOMEM);
	for (i=0; i<argc; i++) {
		size_t n = __wali_cl_get_argv_len(i);
		if (n > (1U<<30) || argbytes + n + 1 > (1U<<30))
			__wali_proc_exit(WALI_EXIT_NOMEM);
		argbytes += n + 1;
	}

	/* One block: argv[], NULL, envp[], NULL, auxv[], 16 random bytes,
	 * argument strings; laid out as the kernel would on the stack. */
	size_t nvec = argc + 1 + envc + 1 + 6;
	char *block = map_anon(nvec*sizeof(char *) + 16 + argbytes);
	char **argv = (char **)block, **envp = argv + argc + 1;
	size_t *auxv = (size_t *)(envp + envc + 1);
	unsigned char *rnd = (unsigned char *)(auxv + 6);
	char *s = (char *)(rnd + 16);

	for (i=0; i<argc; i++) {
		size_t n = __wali_cl_get_argv_len(i);
		argv[i] = s;
		__wali_cl_copy_argv(s, i);
		s[n] = 0;
		s += n + 1;
	}
	argv[argc] = 0;

	size_t k = 0;
	for (i=0; i<envlen; i += strlen(envtext+i) + 1)
		if (strchr(envtext+i, '=') && envtext[i] != '=') envp[k++] = envtext+i;
	envp[k] = 0;

	if (__syscall(SYS_getrandom, rnd, 16, 0) != 16) {
		struct timespec ts;
		__syscall(SYS_clock_gettime, CLOCK_REALTIME, &ts);
		memcpy(rnd, &ts, sizeof ts < 16 ? sizeof ts : 16);
	}
	auxv[0] = AT_PAGESZ; auxv[1] = 4096;
	auxv[2] = AT_RANDOM; auxv[3] = (size_t)rnd;
	auxv[4] = AT_NULL;   auxv[5] = 0;

	__wali_argc = argc;
	__wali_argv = argv;
	__wali_envp = envp;
	wali_main = main;
	__libc_start_main(call_main, argc, argv, 0, 0, 0);
	__builtin_unreachable();
}
