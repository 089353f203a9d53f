#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <sched.h>
#include <stdlib.h>
#include "pthread_impl.h"
#include "syscall.h"
#include "wali.h"

/* Threads are created with __wasm_thread_spawn: the engine starts a native
 * thread running a new instance of the module and calls
 * __wali_thread_start(tid, block) there. The block lives at the top of the
 * new thread's stack and tells the child everything the kernel's clone
 * would have set up: stack, thread pointer, and the tid words. */
struct wali_clone_block {
	int (*func)(void *);
	void *arg;
	void *tp;
	volatile int *clear_tid;
	int *parent_tid;
	int *child_tid;
};

hidden void __wali_thread_start(int, void *);

hidden void __wali_thread_main(int tid, void *p)
{
	struct wali_clone_block *b = p;
	pthread_t td = b->tp;

	/* This instance's __tls_base: copy the TLS image into the block that
	 * __copy_tls reserved after the thread descriptor. */
	__wasm_init_tls(__WALI_TLS_BLOCK(td, sizeof(struct pthread)));
	__wali_tp = (uintptr_t)td;
	__wali_clear_child_tid = b->clear_tid;
	if (b->parent_tid) *b->parent_tid = tid;
	if (b->child_tid) *b->child_tid = tid;

	__wali_sys_exit(b->func(b->arg));
}

int __clone(int (*func)(void *), void *stack, int flags, void *arg, ...)
{
	if (!(flags & CLONE_THREAD)) {
		/* A new process sharing memory (posix_spawn's CLONE_VM|CLONE_VFORK)
		 * is done as a fork: the child has its own copy of memory, which
		 * is all posix_spawn needs (it reports errors through a pipe). */
		if (flags & ~(CLONE_VM|CLONE_VFORK|CSIGNAL)) return -EINVAL;
		if ((flags & CSIGNAL) != SIGCHLD) return -EINVAL;
		long pid = __syscall(SYS_fork);
		if (pid) return pid;
		_Exit(func(arg));
	}

	if ((flags & (CLONE_VM|CLONE_SETTLS)) != (CLONE_VM|CLONE_SETTLS))
		return -EINVAL;

	va_list ap;
	va_start(ap, arg);
	int *ptid = va_arg(ap, int *);
	void *tls = va_arg(ap, void *);
	int *ctid = va_arg(ap, int *);
	va_end(ap);

	uintptr_t sp = ((uintptr_t)stack - sizeof(struct wali_clone_block)) & -16;
	struct wali_clone_block *b = (void *)sp;
	b->func = func;
	b->arg = arg;
	b->tp = tls;
	b->clear_tid = (flags & CLONE_CHILD_CLEARTID) ? ctid : 0;
	b->parent_tid = (flags & CLONE_PARENT_SETTID) ? ptid : 0;
	b->child_tid = (flags & CLONE_CHILD_SETTID) ? ctid : 0;
	if (!(flags & CLONE_PARENT_SETTID)) ptid = 0;

	int tid = __wali_thread_spawn(__wali_thread_start, b);
	if (tid <= 0) return tid ? tid : -EAGAIN;
	/* The child stores it too; both are needed for it to be visible to the
	 * caller on return and to the child from its first instruction. */
	if (ptid) *ptid = tid;
	return tid;
}
