/* __gcov_fork, which clang's --coverage calls in place of every fork().
 * compiler-rt leaves it out on Wasm, where it assumes no fork; WALI has
 * one. As compiler-rt does natively: the child starts with zeroed counters,
 * so that what the parent counted before the fork is written only once. */
#include <unistd.h>

void __gcov_reset(void);

pid_t __gcov_fork(void)
{
	pid_t pid = fork();
	if (pid == 0) __gcov_reset();
	return pid;
}
