/* Prints the size of the linear-memory stack the linker gave the program. */
#include <stdio.h>
extern char __stack_low, __stack_high;
int main(void) { printf("%ld\n", (long)(&__stack_high - &__stack_low)); return 0; }
