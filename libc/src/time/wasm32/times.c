#include <sys/times.h>
#include <sys/resource.h>
#include <time.h>
#include "syscall.h"

/* SYS_times has no signature in the WALI interface (nor a derived one in
 * derived.tsv): compute it from getrusage (process and children CPU time)
 * and the monotonic clock, in clock ticks of 100 Hz (sysconf(_SC_CLK_TCK)). */
#define TICKS(tv) ((clock_t)(tv).tv_sec * 100 + (tv).tv_usec / 10000)

clock_t times(struct tms *tms)
{
	struct rusage self, children;
	struct timespec now;
	long r;
	if (tms) {
		if ((r = __syscall(SYS_getrusage, RUSAGE_SELF, &self)) ||
		    (r = __syscall(SYS_getrusage, RUSAGE_CHILDREN, &children)))
			return __syscall_ret(r);
		tms->tms_utime = TICKS(self.ru_utime);
		tms->tms_stime = TICKS(self.ru_stime);
		tms->tms_cutime = TICKS(children.ru_utime);
		tms->tms_cstime = TICKS(children.ru_stime);
	}
	if ((r = __syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &now)))
		return __syscall_ret(r);
	return (clock_t)now.tv_sec * 100 + now.tv_nsec / 10000000;
}
