/* The parts of libunwind.a for WALI that LLVM's libunwind leaves out for
 * Wasm (cxx/Makefile joins them with its Unwind-wasm.c, which gives
 * _Unwind_RaiseException and the context accessors C++ exceptions use).
 *
 * Rust's standard library links -lunwind (as on every musl target) for its
 * backtraces. Wasm code cannot read its own call stack: there are no frames
 * to walk, so a backtrace is empty. The engine prints the Wasm frames itself
 * when a module traps. */
#include <unwind.h>

/* Natively: calls fn once per frame, then returns _URC_END_OF_STACK. */
_Unwind_Reason_Code _Unwind_Backtrace(_Unwind_Trace_Fn fn, void *arg)
{
	(void)fn;
	(void)arg;
	return _URC_END_OF_STACK;
}

/* The accessors below only make sense on a context handed to a trace
 * function, which _Unwind_Backtrace never calls: there is no frame to
 * describe, and they say so (address 0: unknown). */
uintptr_t _Unwind_GetIPInfo(struct _Unwind_Context *context, int *ip_before_insn)
{
	(void)context;
	*ip_before_insn = 0;
	return 0;
}

uintptr_t _Unwind_GetCFA(struct _Unwind_Context *context)
{
	(void)context;
	return 0;
}

void *_Unwind_FindEnclosingFunction(void *pc)
{
	(void)pc;
	return 0;
}
