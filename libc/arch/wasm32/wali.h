/* Private declarations of the wasm32 (WALI) port: the non-syscall imports
 * of aux.tsv and helpers shared between the port's source files. */
#ifndef _WALI_PRIVATE_H
#define _WALI_PRIVATE_H

#include <stdint.h>
#include <stddef.h>

#define __WALI_AUX(name) __attribute__((__import_module__("wali"), __import_name__(name)))

int __wali_init(void) __WALI_AUX("__init");
int __wali_deinit(void) __WALI_AUX("__deinit");
_Noreturn void __wali_proc_exit(int) __WALI_AUX("__proc_exit");
unsigned __wali_cl_get_argc(void) __WALI_AUX("__cl_get_argc");
unsigned __wali_cl_get_argv_len(unsigned) __WALI_AUX("__cl_get_argv_len");
int __wali_cl_copy_argv(char *, unsigned) __WALI_AUX("__cl_copy_argv");
int __wali_get_init_envfile(char *, unsigned) __WALI_AUX("__get_init_envfile");
int __wali_thread_spawn(void (*)(int, void *), void *) __WALI_AUX("__wasm_thread_spawn");

/* Exit statuses reserved by the interface for C-library start-up failures. */
#define WALI_EXIT_INIT      257	/* __init() refused */
#define WALI_EXIT_DEINIT    258	/* __deinit() failed */
#define WALI_EXIT_ENV_READ  259	/* environment file could not be read */
#define WALI_EXIT_ENV_NAME  260	/* environment file name unavailable */
#define WALI_EXIT_NOMEM     261	/* start-up allocation failed */

/* Linker-synthesised TLS support (wasm-ld, --shared-memory). */
void __wasm_init_tls(void *);

/* The thread-local block of a thread other than the main one sits right
 * after its struct pthread, aligned to the module's TLS alignment. */
#define __WALI_TLS_ALIGN() (__builtin_wasm_tls_align() > 16 ? __builtin_wasm_tls_align() : 16)
#define __WALI_TLS_BLOCK(td, size_of_td) \
	((void *)(((uintptr_t)(td) + (size_of_td) + __WALI_TLS_ALIGN() - 1) & -(uintptr_t)__WALI_TLS_ALIGN()))

/* Emulation of CLONE_CHILD_CLEARTID / set_tid_address: the address the
 * exiting thread clears and wakes (see src/thread/wasm32/wali_exit.c). */
extern __attribute__((__visibility__("hidden"))) _Thread_local volatile int *__wali_clear_child_tid;

/* Runs f(arg) so that a C++ exception escaping it ends in std::terminate
 * (src/env/wasm32/__wali_call_guarded.c). */
void *__wali_call_guarded(void *(*)(void *), void *);

#endif
