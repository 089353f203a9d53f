/* Every syscall with a derived signature (crates/wali-abi/spec/derived.tsv),
 * through musl's wrappers (or syscall() where musl has none): the calls must
 * reach the engine through their typed imports, not return ENOSYS.
 * Prints "derived ok" when every check passes. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

static int failures;

#define CHECK(cond) do { if (!(cond)) { failures++; \
	printf("FAIL %s:%d: %s (errno %d %s)\n", __FILE__, __LINE__, #cond, errno, strerror(errno)); } } while (0)

static void files(const char *dir)
{
	char path[256], buf[64];
	struct stat st;
	int fd = memfd_create("derived", MFD_CLOEXEC);
	CHECK(fd >= 0);
	CHECK(write(fd, "hello world", 11) == 11);
	struct iovec iov[2] = { { "HE", 2 }, { "LLO", 3 } };
	CHECK(pwritev(fd, iov, 2, 0) == 5);
	CHECK(pread(fd, buf, 11, 0) == 11 && !memcmp(buf, "HELLO world", 11));
	CHECK(posix_fallocate(fd, 0, 8192) == 0);
	CHECK(fallocate(fd, 0, 0, 16384) == 0);
	CHECK(fstat(fd, &st) == 0 && st.st_size == 16384);
	CHECK(ftruncate(fd, 11) == 0);
	CHECK(readahead(fd, 0, 11) == 0);
	CHECK(syncfs(fd) == 0);
	sync();

	snprintf(path, sizeof path, "%s/copy", dir);
	int out = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	CHECK(out >= 0);
	off_t off = 6;
	CHECK(sendfile(out, fd, &off, 5) == 5 && off == 11);
	CHECK(pwrite(out, "HELLO", 5, 5) == 5);
	snprintf(path, sizeof path, "%s/copy2", dir);
	int out2 = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	CHECK(out2 >= 0);
	loff_t in_off = 2;
	CHECK(copy_file_range(out, &in_off, out2, NULL, 7, 0) == 7 && in_off == 9);
	CHECK(pread(out2, buf, 8, 0) == 7 && !memcmp(buf, "rldHELL", 7));
	close(out2);
	unlink(path);
	close(out);

	int p1[2], p2[2];
	CHECK(pipe(p1) == 0 && pipe(p2) == 0);
	CHECK(write(p1[1], "pipe", 4) == 4);
	CHECK(tee(p1[0], p2[1], 4, 0) == 4);
	loff_t soff = 0;
	CHECK(splice(p1[0], NULL, fd, &soff, 4, 0) == 4 && soff == 4);
	CHECK(read(p2[0], buf, 4) == 4 && !memcmp(buf, "pipe", 4));
	CHECK(pread(fd, buf, 5, 0) == 5 && !memcmp(buf, "pipeO", 5));
	close(p1[0]); close(p1[1]); close(p2[0]); close(p2[1]);
	close(fd);

	int in = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
	CHECK(in >= 0);
	int wd = inotify_add_watch(in, dir, IN_CREATE);
	CHECK(wd >= 0);
	snprintf(path, sizeof path, "%s/fifo", dir);
	CHECK(mkfifo(path, 0600) == 0);
	CHECK(stat(path, &st) == 0 && S_ISFIFO(st.st_mode));
	union { struct inotify_event ev; char b[sizeof(struct inotify_event) + 256]; } u;
	ssize_t n = read(in, &u, sizeof u);
	CHECK(n >= (ssize_t)sizeof u.ev && (u.ev.mask & IN_CREATE) && !strcmp(u.ev.name, "fifo"));
	CHECK(inotify_rm_watch(in, wd) == 0);
	close(in);
	unlink(path);
	snprintf(path, sizeof path, "%s/node", dir);
	CHECK(mknod(path, S_IFREG | 0600, 0) == 0);
	unlink(path);
	CHECK(mknodat(AT_FDCWD, path, S_IFIFO | 0600, 0) == 0);
	CHECK(stat(path, &st) == 0 && S_ISFIFO(st.st_mode));
	unlink(path);
	snprintf(path, sizeof path, "%s/copy", dir);
	unlink(path);
}

static void signals(void)
{
	sigset_t set;
	siginfo_t si;
	struct timespec zero = { 0, 0 };
	int sig = 0;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	CHECK(sigprocmask(SIG_BLOCK, &set, NULL) == 0);
	CHECK(sigtimedwait(&set, &si, &zero) == -1 && errno == EAGAIN);
	CHECK(raise(SIGUSR1) == 0);
	CHECK(sigtimedwait(&set, &si, &zero) == SIGUSR1 && si.si_signo == SIGUSR1);
	CHECK(syscall(SYS_tgkill, getpid(), gettid(), SIGUSR2) == 0);
	CHECK(sigwait(&set, &sig) == 0 && sig == SIGUSR2);
	CHECK(kill(getpid(), SIGUSR1) == 0);
	CHECK(sigwaitinfo(&set, &si) == SIGUSR1 && si.si_pid == getpid());

	struct itimerval it = { { 0, 0 }, { 100, 0 } }, cur;
	CHECK(setitimer(ITIMER_REAL, &it, NULL) == 0);
	CHECK(getitimer(ITIMER_REAL, &cur) == 0 && cur.it_value.tv_sec > 90 && cur.it_value.tv_sec <= 100);
	it.it_value.tv_sec = 0;
	CHECK(setitimer(ITIMER_REAL, &it, NULL) == 0);

	int tfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
	struct itimerspec ts = { { 0, 0 }, { 50, 0 } }, tcur;
	CHECK(tfd >= 0 && timerfd_settime(tfd, 0, &ts, NULL) == 0);
	CHECK(timerfd_gettime(tfd, &tcur) == 0 && tcur.it_value.tv_sec > 40 && tcur.it_value.tv_sec <= 50);
	close(tfd);
}

static void process(void)
{
	uid_t r, e, s;
	gid_t gr, ge, gs;
	CHECK(getresuid(&r, &e, &s) == 0 && r == getuid() && e == geteuid());
	CHECK(getresgid(&gr, &ge, &gs) == 0 && gr == getgid() && ge == getegid());
	errno = 0;
	int prio = getpriority(PRIO_PROCESS, 0);
	CHECK(errno == 0 && prio >= -20 && prio <= 19);
	CHECK(setpriority(PRIO_PROCESS, 0, prio < 19 ? prio + 1 : 19) == 0);
	CHECK(getpriority(PRIO_PROCESS, 0) == (prio < 19 ? prio + 1 : 19));

	cpu_set_t cpus;
	CHECK(sched_getaffinity(0, sizeof cpus, &cpus) == 0 && CPU_COUNT(&cpus) > 0);
	CHECK(sched_setaffinity(0, sizeof cpus, &cpus) == 0);
	struct sched_param sp;
	int policy = -1;
	CHECK(pthread_getschedparam(pthread_self(), &policy, &sp) == 0 && policy == SCHED_OTHER
	      && sp.sched_priority == 0);
	CHECK(syscall(SYS_sched_getscheduler, 0) == SCHED_OTHER);
	CHECK(syscall(SYS_sched_getparam, 0, &sp) == 0 && sp.sched_priority == 0);
	CHECK(pthread_setschedprio(pthread_self(), 0) == 0);

	static char page[4096];
	CHECK(mlock(page, sizeof page) == 0 || errno == EPERM || errno == ENOMEM);
	CHECK(munlock(page, sizeof page) == 0);

	pid_t pid = fork();
	if (pid == 0) _exit(7);
	CHECK(pid > 0);
	siginfo_t si;
	memset(&si, 0, sizeof si);
	CHECK(waitid(P_PID, pid, &si, WEXITED) == 0 && si.si_pid == pid
	      && si.si_code == CLD_EXITED && si.si_status == 7);
}

int main(void)
{
	char dir[] = "/tmp/wali-derived-XXXXXX";
	if (!mkdtemp(dir)) { perror("mkdtemp"); return 1; }
	files(dir);
	signals();
	process();
	rmdir(dir);
	if (failures) { printf("%d failures\n", failures); return 1; }
	puts("derived ok");
	return 0;
}
