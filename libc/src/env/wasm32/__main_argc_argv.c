#include "libc.h"

/* clang names the entry point after main's signature on wasm:
 *   int main(int, char **)        -> __main_argc_argv
 *   int main(void)                -> __main_void (and a 2-argument `main`)
 *   int main(int, char **, char **) -> main
 * crt1 calls __main_argc_argv. When the program did not define it, this
 * archive member does and forwards to __main_void, which is either the
 * program's own (main(void)) or the one in __main_void.c (3-argument main).
 * `main` is only referenced in the last case, so no signature clash. */
int __main_void(void);

weak int __main_argc_argv(int argc, char **argv)
{
	return __main_void();
}
