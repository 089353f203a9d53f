#include "syscall.h"

/* Target of the syscall() macro in <unistd.h>: the same as syscall(), but
 * with every argument already converted to long by the caller. */
long __wali_syscall7(long n, long a, long b, long c, long d, long e, long f)
{
	return __syscall_ret(__wali_syscall(n, a, b, c, d, e, f));
}
