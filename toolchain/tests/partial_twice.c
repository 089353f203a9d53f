/* Half of a program for the partial-link check (test-toolchain: wali-cc -r). */
int twice(int x) { return 2 * x; }
