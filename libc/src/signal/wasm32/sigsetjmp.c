#include <setjmp.h>
#include <signal.h>
#include "syscall.h"

/* sigsetjmp(buf, save) is a macro in <setjmp.h>:
 *   (__wali_sigsetjmp_save(buf, save), setjmp(buf))
 * because only direct setjmp calls are lowered by the compiler. This part
 * records whether, and which, signal mask siglongjmp must restore. */
void __wali_sigsetjmp_save(sigjmp_buf buf, int save)
{
	buf->__fl = save ? 1 : 0;
	if (save)
		__syscall(SYS_rt_sigprocmask, SIG_SETMASK, 0, buf->__ss, _NSIG/8);
}
