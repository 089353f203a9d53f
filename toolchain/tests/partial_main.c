/* The other half: linked from a `wali-cc -r` object with partial_twice.c. */
#include <stdio.h>
int twice(int);
int main(void) { printf("%d\n", twice(21)); return 0; }
