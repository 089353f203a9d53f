#include <features.h>
#include "wali.h"

/* Runs f(arg): a program's main (__libc_start_main.c) and every thread's
 * start function (pthread_arch.h). In Wasm a C++ exception nothing catches
 * does not stop at the outermost frame, where natively the unwinder gives up
 * and std::terminate prints libc++abi's message: it leaves the module, and
 * the engine can only report a trap. The C++ runtime therefore replaces this
 * weak definition with one that catches and terminates (cxx/unwind/
 * uncaught.cpp); a C program keeps this one. */
weak void *__wali_call_guarded(void *(*f)(void *), void *arg)
{
	return f(arg);
}
