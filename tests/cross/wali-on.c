/* `wali` for another CPU, under qemu-user (tests/cross/run).
   Built twice per CPU with -D settings:
   - the stand-in: `compile` compiles on this host for the other CPU into
     DIR (wali compile --target), anything else runs the other CPU's
     engine under qemu, `run` with that precompiled code;
   - with -DBINFMT, the binfmt_misc interpreter (flag P) for that CPU's
     executables, so that an engine re-executing itself for a guest's
     execve runs under qemu again, with the same CPU options.
   Both pass the environment untouched (a shell script would add PWD).
   Settings: QEMU, CPU ("" or qemu's -cpu value), and for the stand-in
   HOST_WALI, TRIPLE, ENGINE, DIR. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
  char **a = calloc(argc + 8, sizeof *a);
  int n = 0, i = 1;
  if (!a) return 127;
#ifdef BINFMT
  /* The kernel passes: this, the file, its argv[0], its other arguments. */
  if (argc < 3) return 127;
  a[n++] = QEMU;
  if (CPU[0]) { a[n++] = "-cpu"; a[n++] = CPU; }
  a[n++] = "-0";
  a[n++] = argv[2];
  a[n++] = argv[1];
  i = 3;
#else
  if (argc > 1 && strcmp(argv[1], "compile") == 0) {
    a[n++] = HOST_WALI; a[n++] = "compile"; a[n++] = "--target"; a[n++] = TRIPLE;
    a[n++] = "--out"; a[n++] = DIR;
    for (i = 2; i < argc; i++) a[n++] = argv[i];
    execv(HOST_WALI, a);
    perror(HOST_WALI);
    return 127;
  }
  a[n++] = QEMU;
  if (CPU[0]) { a[n++] = "-cpu"; a[n++] = CPU; }
  a[n++] = ENGINE;
  if (argc > 1 && strcmp(argv[1], "run") == 0) {
    a[n++] = "run"; a[n++] = "--precompiled"; a[n++] = DIR;
    i = 2;
  }
#endif
  for (; i < argc; i++) a[n++] = argv[i];
  execv(QEMU, a);
  perror(QEMU);
  return 127;
}
