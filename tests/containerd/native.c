// A native (x86_64, static) program in a WALI image.
#include <stdio.h>
int main(int argc, char **argv) { printf("native program, arg %s\n", argc > 1 ? argv[1] : "-"); return 3; }
