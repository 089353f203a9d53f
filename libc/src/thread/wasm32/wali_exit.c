#include <limits.h>
#include "pthread_impl.h"
#include "wali.h"

/* The engine runs each thread on a native thread of its own, which cannot
 * clear and wake a Wasm address when it ends, so libc does what
 * CLONE_CHILD_CLEARTID / set_tid_address would have the kernel do: on
 * SYS_exit the registered word is zeroed and its waiters woken, after the
 * thread's last use of its own memory (stack and TLS). */

hidden _Thread_local volatile int *__wali_clear_child_tid;

long __wali_sys_set_tid_address(long p)
{
	__wali_clear_child_tid = (volatile int *)(uintptr_t)p;
	return __imported_wali_gettid();
}

static inline void clear_and_wake(volatile int *c)
{
	int addr = (int)(uintptr_t)c;
	a_store(c, 0);
	/* The kernel wakes with a shared futex; musl waits either way. */
	__imported_wali_futex(addr, FUTEX_WAKE, INT_MAX, 0, 0, 0);
	__imported_wali_futex(addr, FUTEX_WAKE|FUTEX_PRIVATE, INT_MAX, 0, 0, 0);
}

long __wali_sys_exit(long code)
{
	volatile int *c = __wali_clear_child_tid;
	if (c) clear_and_wake(c);
	for (;;) __imported_wali_exit((int)code);
}

/* Called by a detached thread at the end of pthread_exit: unmap the thread's
 * own stack/TLS mapping, then exit without touching that memory again. */
void __unmapself(void *base, size_t size)
{
	volatile int *c = __wali_clear_child_tid;
	__imported_wali_munmap((int)(uintptr_t)base, (int)size);
	if (c) clear_and_wake(c);
	for (;;) __imported_wali_exit(0);
}
