// setjmp/longjmp: simple, nested buffers, across several call frames, volatile locals, value 0 -> 1, sigsetjmp.
#include <stdio.h>
#include <setjmp.h>

static jmp_buf outer, inner;
static int depth_reached;

static void recurse(int n) {
    depth_reached = n;
    if (n == 10) longjmp(outer, n * 100);
    recurse(n + 1);
}

static void thrower(int v) { longjmp(inner, v); }

static int try_divide(int a, int b, int *out) {
    jmp_buf env;
    if (setjmp(env) == 0) {
        if (b == 0) longjmp(env, 1);
        *out = a / b;
        return 0;
    }
    return -1;
}

int main(void) {
    volatile int counter = 0;
    int r = setjmp(outer);
    printf("setjmp returned %d (counter=%d)\n", r, counter);
    counter++;
    if (r == 0) recurse(0);
    printf("after recursion depth=%d\n", depth_reached);

    volatile int loops = 0;
    int v = setjmp(inner);
    if (v < 5) {
        loops++;
        thrower(v + 1);
    }
    printf("loop via longjmp: v=%d loops=%d\n", v, loops);

    r = setjmp(inner);
    if (r == 0) longjmp(inner, 0);
    printf("longjmp(0) delivers %d\n", r);

    /* nested: an inner handler inside an outer one */
    volatile int stage = 0;
    if (setjmp(outer) == 0) {
        stage = 1;
        if (setjmp(inner) == 0) {
            stage = 2;
            longjmp(inner, 7);
        } else {
            stage = 3;
            longjmp(outer, 8);
        }
    }
    printf("nested stage=%d\n", stage);

    int q = 0;
    int td = try_divide(10, 2, &q);
    printf("try_divide(10,2)=%d q=%d\n", td, q);
    printf("try_divide(1,0)=%d\n", try_divide(1, 0, &q));

    sigjmp_buf sj;
    volatile int sv = 0;
    int s = sigsetjmp(sj, 0);
    if (s == 0) { sv = 42; siglongjmp(sj, 3); }
    printf("sigsetjmp second return %d sv=%d\n", s, sv);
    s = sigsetjmp(sj, 1);
    if (s == 0) siglongjmp(sj, 4);
    printf("sigsetjmp savemask returned %d\n", s);

    /* many setjmp/longjmp round trips */
    volatile long total = 0;
    for (int i = 0; i < 10000; i++) {
        jmp_buf e;
        int k = setjmp(e);
        if (k == 0) longjmp(e, i % 7 + 1);
        total += k;
    }
    printf("round trips total=%ld\n", total);
    return 0;
}
