#include "syscall.h"

/* The syscall table for call sites whose number is not a compile-time
 * constant: one switch over every syscall of the interface. It must use the
 * inline switch directly (__syscallN with a variable number ends up here). */
long __wali_syscall(long n, long a, long b, long c, long d, long e, long f)
{
	return __wali_syscall_inline(n, a, b, c, d, e, f);
}
