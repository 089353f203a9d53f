# Entry point of a new thread, called by the engine as fn(tid, arg) in a
# fresh instance of the module (see __wasm_thread_spawn). Nothing of the C
# environment exists yet: __stack_pointer still holds the main thread's
# initial value. `arg` is the clone block that __clone placed at the top of
# the new thread's stack, so it is also the new stack pointer.
	.text
	.globaltype	__stack_pointer, i32
	.functype	__wali_thread_main (i32, i32) -> ()

	.hidden	__wali_thread_start
	.globl	__wali_thread_start
	.type	__wali_thread_start,@function
__wali_thread_start:
	.functype	__wali_thread_start (i32, i32) -> ()
	local.get	1
	global.set	__stack_pointer
	local.get	0
	local.get	1
	call	__wali_thread_main
	end_function
