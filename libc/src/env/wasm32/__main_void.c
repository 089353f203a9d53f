#include "libc.h"

/* See __main_argc_argv.c: only linked for `int main(int, char **, char **)`. */
int main(int, char **, char **);
extern hidden int __wali_argc;
extern hidden char **__wali_argv, **__wali_envp;

weak int __main_void(void)
{
	return main(__wali_argc, __wali_argv, __wali_envp);
}
