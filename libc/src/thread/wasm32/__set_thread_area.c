#include "pthread_impl.h"

/* The thread pointer is a thread-local variable (see pthread_arch.h). */
hidden _Thread_local uintptr_t __wali_tp;

int __set_thread_area(void *p)
{
	__wali_tp = (uintptr_t)p;
	return 0;
}
