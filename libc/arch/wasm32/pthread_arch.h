/* The thread pointer lives in a thread-local variable (wasm globals are
 * per instance, and each thread is its own instance whose __tls_base is set
 * up by the thread's start routine). It holds the struct pthread address. */
extern hidden _Thread_local uintptr_t __wali_tp;

static inline uintptr_t __get_tp()
{
	return __wali_tp;
}

/* pthread_cancel is reimplemented for wasm32 (src/thread/wasm32); there is
 * no program counter to inspect in a signal context. */

/* Runs a thread's start function through __wali_call_guarded (wali.h):
 * a C++ exception escaping it ends in std::terminate, as natively
 * (patches/0007). */
#include "wali.h"
#define __pthread_start_arch(f, a) __wali_call_guarded(f, a)
