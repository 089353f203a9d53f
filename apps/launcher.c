/* A native launcher for the checks (apps/<name>/check): runs a Wasm program
   under the engine as `wali run --argv0 ARGV0 MODULE ARGS...`, so that a
   test suite can use it as an ordinary executable (THIS_SH for bash's
   suite, -make for GNU make's). Unlike a shell-script wrapper it keeps
   argv[0] (exec -a), is a binary (a suite sourcing it sees one) and passes
   the environment untouched (dash drops names such as `v[0]`).
   Build: cc -DWALI='"/path/to/wali"' -DMODULE='"/path/to/prog.wasm"'. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
  char **a = calloc(argc + 5, sizeof *a);
  int n = 0;
  if (!a) return 127;
  a[n++] = WALI;
  a[n++] = "run";
  a[n++] = "--argv0";
  a[n++] = argv[0];
  a[n++] = MODULE;
  for (int i = 1; i < argc; i++) a[n++] = argv[i];
  execv(WALI, a);
  perror(WALI);
  return 127;
}
