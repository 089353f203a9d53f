/* --coverage: run twice, once with an argument; llvm-cov gcov must count
 * 20 loop bodies and one printf. */
#include <stdio.h>

int main(int argc, char **argv) {
    int n = 0;
    for (int i = 0; i < 10; i++)
        n += i;
    if (argc > 1)
        printf("%s %d\n", argv[1], n);
    return 0;
}
