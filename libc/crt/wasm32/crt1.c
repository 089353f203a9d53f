#include <features.h>

/* Program entry point, exported as `_start` and called by the engine once
 * the module is instantiated. __main_argc_argv is the program's main (see
 * src/env/wasm32/__main_argc_argv.c for the other forms of main). */
int __main_argc_argv(int, char **);
_Noreturn void __wali_start_main(int (*)(int, char **));

__attribute__((__export_name__("_start")))
void _start(void)
{
	__wali_start_main(__main_argc_argv);
}
