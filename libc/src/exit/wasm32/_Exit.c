#include <stdlib.h>
#include "wali.h"

/* End of the process under WALI: __deinit(), then __proc_exit(status),
 * which ends every thread. The status is reduced to 8 bits as the kernel
 * would, so that it never collides with the reserved statuses 257-261. */
_Noreturn void _Exit(int ec)
{
	if (__wali_deinit() != 0)
		__wali_proc_exit(WALI_EXIT_DEINIT);
	__wali_proc_exit(ec & 0xff);
}
