#include <stdio.h>
#include <stdlib.h>
#include "util.h"
#include "version.h"
int square(int x);
int main(int argc, char **argv) {
  int a = argc > 1 ? atoi(argv[1]) : 2, b = argc > 2 ? atoi(argv[2]) : 3;
  printf("calc %s: %d + %d = %d, %d * %d = %d, %d^2 = %d\n", VERSION, a, b, add(a, b), a, b, mul(a, b), a, square(a));
  return 0;
}
