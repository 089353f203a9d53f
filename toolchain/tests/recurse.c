/* Recurses argv[1] calls deep with 64 bytes of locals in memory per call:
 * past the linear stack's end, the engine must say the C stack overflowed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int down(int n)
{
	volatile char frame[64];
	memset((char *)frame, n, sizeof frame);
	return n == 0 ? 0 : 1 + down(n - 1) + frame[n % 64] * 0;
}

int main(int argc, char **argv)
{
	printf("%d\n", down(argc > 1 ? atoi(argv[1]) : 10));
	return 0;
}
