#include <unistd.h>
#include <stdarg.h>
#include "syscall.h"
#undef syscall

/* syscall() as C and Rust callers pass its arguments: each with the width of
 * its C type (4 bytes for int, pointers and size_t, 8 for off_t and long), in
 * the order of syscall n's parameters, whose widths the interface's signature
 * gives (8-byte C types are i64). The syscall() macro of <unistd.h> converts
 * every argument to long and calls __wali_syscall7 instead. */
long syscall(long n, ...)
{
	long a[6] = { 0 };
	int params = __wali_syscall_params(n), i;
	va_list ap;

	va_start(ap, n);
	for (i = 0; params >= 0 && i < (params & 7); i++)
		a[i] = params >> (3 + i) & 1 ? va_arg(ap, long long) : va_arg(ap, int);
	va_end(ap);
	return __syscall_ret(__wali_syscall(n, a[0], a[1], a[2], a[3], a[4], a[5]));
}
