#include <sched.h>
#include <errno.h>

/* SYS_sched_get_priority_max/min have no signature in the WALI interface
 * (nor a derived one in derived.tsv); their results are fixed by the
 * kernel: 1..99 for the real-time policies, 0 for the others. */
int sched_get_priority_max(int policy)
{
	switch (policy) {
	case SCHED_FIFO: case SCHED_RR: return 99;
	case SCHED_OTHER: case SCHED_BATCH: case SCHED_IDLE: return 0;
	}
	errno = EINVAL;
	return -1;
}

int sched_get_priority_min(int policy)
{
	switch (policy) {
	case SCHED_FIFO: case SCHED_RR: return 1;
	case SCHED_OTHER: case SCHED_BATCH: case SCHED_IDLE: return 0;
	}
	errno = EINVAL;
	return -1;
}
