#define SYSCALL_NO_TLS 1
#include <string.h>
#include <stddef.h>
#include "pthread_impl.h"
#include "libc.h"
#include "atomic.h"
#include "syscall.h"
#include "wali.h"

/* Thread-local storage comes from the linker (wasm-ld --shared-memory):
 * code reaches TLS through the __tls_base global, which the module's start
 * function points at the static TLS block in the main instance; a new
 * thread's instance gets its own block through __wasm_init_tls (called by
 * the thread's start routine, see clone.c). There are no ELF program
 * headers, no DTV and no dynamic TLS modules. */

volatile int __thread_list_lock;

int __init_tp(void *p)
{
	pthread_t td = p;
	td->self = td;
	int r = __set_thread_area(TP_ADJ(p));
	if (r < 0) return -1;
	if (!r) libc.can_do_threads = 1;
	td->detach_state = DT_JOINABLE;
	td->tid = __syscall(SYS_set_tid_address, &__thread_list_lock);
	td->locale = &libc.global_locale;
	td->robust_list.head = &td->robust_list.head;
	td->sysinfo = __sysinfo;
	td->next = td->prev = td;
	return 0;
}

static struct pthread main_thread;

/* mem has libc.tls_size bytes: the thread descriptor (16-aligned), then the
 * TLS block at the module's TLS alignment (__WALI_TLS_BLOCK). */
void *__copy_tls(unsigned char *mem)
{
	return (void *)(((uintptr_t)mem + 15) & -(uintptr_t)16);
}

static void static_init_tls(size_t *aux)
{
	libc.tls_align = __WALI_TLS_ALIGN();
	libc.tls_size = (15 + sizeof(struct pthread) + libc.tls_align - 1
		+ __builtin_wasm_tls_size() + 15) & -(size_t)16;
	libc.tls_cnt = 0;

	/* Failure to initialize thread pointer is always fatal. */
	if (__init_tp(&main_thread) < 0)
		a_crash();
}

weak_alias(static_init_tls, __init_tls);
