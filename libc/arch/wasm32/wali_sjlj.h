/* Layout the wasm32 setjmp runtime keeps in a jmp_buf (16 of its bytes). */
#include <stdint.h>
struct __wali_jmp_buf {
	void *func_invocation_id;
	uint32_t label;
	struct {
		void *env;
		int val;
	} arg;
};
