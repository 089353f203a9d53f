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
