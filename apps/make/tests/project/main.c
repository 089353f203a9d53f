#include <stdio.h>
#include <stdlib.h>
#include "version.h"
int add(int, int); int mul(int, int); const char *fmt(int);
int main(int argc, char **argv) {
  int a = argc > 1 ? atoi(argv[1]) : 2, b = argc > 2 ? atoi(argv[2]) : 3;
  printf("calc %s: %d + %d = %d, %d * %d = %s\n", CALC_VERSION, a, b, add(a, b), a, b, fmt(mul(a, b)));
  return 0;
}
