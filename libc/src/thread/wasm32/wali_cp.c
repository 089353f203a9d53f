#include "pthread_impl.h"

/* Default cancellation hooks for syscall_cp (see syscall_arch.h): without
 * pthread_cancel in the program nothing can be cancelled. pthread_cancel.c
 * provides the real ones. */
static long cp_enter(long nr)
{
	return 0;
}

static long cp_leave(long nr, long r)
{
	return r;
}

weak_alias(cp_enter, __wali_cp_enter);
weak_alias(cp_leave, __wali_cp_leave);
