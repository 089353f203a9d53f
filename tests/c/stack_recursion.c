// Moderately deep recursion (about 300 KiB of stack frames), mutual recursion, function pointers, VLAs.
#include <stdio.h>
#include <string.h>

static unsigned long ackermann(unsigned long m, unsigned long n) {
    if (m == 0) return n + 1;
    if (n == 0) return ackermann(m - 1, 1);
    return ackermann(m - 1, ackermann(m, n - 1));
}

static int is_even(int n);
static int is_odd(int n) { return n == 0 ? 0 : is_even(n - 1); }
static int is_even(int n) { return n == 0 ? 1 : is_odd(n - 1); }

static unsigned long frame(int depth) {
    volatile char pad[256];
    memset((char *)pad, depth & 0xff, sizeof pad);
    if (depth == 0) return pad[17];
    return pad[100] + frame(depth - 1);
}

static long vla_sum(int n) {
    long arr[n];
    for (int i = 0; i < n; i++) arr[i] = (long)i * i;
    long s = 0;
    for (int i = 0; i < n; i++) s += arr[i];
    return s;
}

typedef long (*op_t)(long, long);
static long add(long a, long b) { return a + b; }
static long mul(long a, long b) { return a * b; }
static long sub(long a, long b) { return a - b; }

int main(void) {
    printf("ackermann(2,3)=%lu ackermann(3,5)=%lu\n", ackermann(2, 3), ackermann(3, 5));
    printf("is_even(5001)=%d is_odd(5001)=%d\n", is_even(5001), is_odd(5001));
    printf("frame sum depth 1000 = %lu\n", frame(1000));
    printf("vla_sum(10000)=%ld\n", vla_sum(10000));
    op_t ops[3] = {add, mul, sub};
    long acc = 1;
    for (int i = 0; i < 30; i++) acc = ops[i % 3](acc, i + 2);
    printf("function pointer chain=%ld\n", acc);
    return 0;
}
