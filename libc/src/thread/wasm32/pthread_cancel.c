#define _GNU_SOURCE
#include <string.h>
#include "pthread_impl.h"
#include "syscall.h"

/* Thread cancellation without program-counter inspection.
 *
 * musl's version decides in the SIGCANCEL handler, from the interrupted PC,
 * whether the thread was inside a cancellable syscall. A wasm signal handler
 * has no PC to look at, so instead:
 *  - a cancellation point checks the cancel flag before its syscall, and
 *    again when the syscall fails with EINTR;
 *  - SIGCANCEL is installed without SA_RESTART, so a thread blocked in a
 *    cancellable syscall is woken with EINTR and acts on the flag;
 *  - with asynchronous cancellation the handler exits the thread directly.
 * A cancel request that lands between the check and the start of a blocking
 * syscall is only seen at the next cancellation point or signal. */

hidden long __cancel(void);
hidden long __syscall_cp_c(syscall_arg_t, syscall_arg_t, syscall_arg_t, syscall_arg_t,
                          syscall_arg_t, syscall_arg_t, syscall_arg_t);

long __cancel(void)
{
	pthread_t self = __pthread_self();
	if (self->canceldisable == PTHREAD_CANCEL_ENABLE || self->cancelasync)
		pthread_exit(PTHREAD_CANCELED);
	self->canceldisable = PTHREAD_CANCEL_DISABLE;
	return -ECANCELED;
}

/* Around every cancellable syscall (see syscall_arch.h). enter: 0 to go
 * ahead, else the result of acting on a pending cancel request. The flag is
 * read plainly, as musl's own check does: pthread_cancel stores it before it
 * sends SIGCANCEL, whose EINTR leave() acts on, so a fence here (an mfence
 * on x86, ~10% of a short read or write) would catch nothing more. */
long __wali_cp_enter(long nr)
{
	pthread_t self = __pthread_self();
	int st = self->canceldisable;
	if (st && (st==PTHREAD_CANCEL_DISABLE || nr==SYS_close))
		return 0;
	return self->cancel ? __cancel() : 0;
}

long __wali_cp_leave(long nr, long r)
{
	pthread_t self = __pthread_self();
	if (r==-EINTR && nr!=SYS_close && self->cancel &&
	    self->canceldisable != PTHREAD_CANCEL_DISABLE)
		r = __cancel();
	return r;
}

/* The out-of-line __syscall_cp (src/thread/__syscall_cp.c) calls this. */
long __syscall_cp_c(syscall_arg_t nr,
                    syscall_arg_t u, syscall_arg_t v, syscall_arg_t w,
                    syscall_arg_t x, syscall_arg_t y, syscall_arg_t z)
{
	long r = __wali_cp_enter(nr);
	if (r) return r;
	return __wali_cp_leave(nr, __syscall(nr, u, v, w, x, y, z));
}

static void cancel_handler(int sig, siginfo_t *si, void *ctx)
{
	pthread_t self = __pthread_self();

	a_barrier();
	if (!self->cancel || self->canceldisable == PTHREAD_CANCEL_DISABLE) return;
	if (self->cancelasync) __cancel();
	/* Otherwise the interrupted syscall returns EINTR (no SA_RESTART) or
	 * the next cancellation point sees the flag. */
}

void __testcancel()
{
	pthread_t self = __pthread_self();
	if (self->cancel && !self->canceldisable)
		__cancel();
}

static void init_cancellation()
{
	struct sigaction sa = {
		.sa_flags = SA_SIGINFO,
		.sa_sigaction = cancel_handler
	};
	memset(&sa.sa_mask, -1, _NSIG/8);
	__libc_sigaction(SIGCANCEL, &sa, 0);
}

int pthread_cancel(pthread_t t)
{
	static int init;
	if (!init) {
		init_cancellation();
		init = 1;
	}
	a_store(&t->cancel, 1);
	if (t == pthread_self()) {
		if (t->canceldisable == PTHREAD_CANCEL_ENABLE && t->cancelasync)
			pthread_exit(PTHREAD_CANCELED);
		return 0;
	}
	return pthread_kill(t, SIGCANCEL);
}
