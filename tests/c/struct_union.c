// Struct copies and returns, bitfields, unions and type punning, flexible array members, compound literals.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

struct point { int x, y; };
struct big { long a[16]; double d; char tag[7]; };
struct bits { unsigned a : 3; unsigned b : 5; signed c : 4; unsigned d : 20; };
union pun { float f; uint32_t u; unsigned char b[4]; };
union pun64 { double d; uint64_t u; };
struct flex { int n; int data[]; };

static struct point add(struct point p, struct point q) { return (struct point){p.x + q.x, p.y + q.y}; }
static struct big make_big(int seed) {
    struct big b;
    for (int i = 0; i < 16; i++) b.a[i] = (long)seed * i;
    b.d = seed / 8.0;
    snprintf(b.tag, sizeof b.tag, "t%d", seed);
    return b;
}

int main(void) {
    struct point p = add((struct point){1, 2}, (struct point){30, 40});
    printf("point %d %d\n", p.x, p.y);
    struct big b = make_big(5), c = b;
    c.a[3] = -1;
    printf("big %ld %ld %.3f %s copy-independent=%d\n", b.a[15], b.a[3], b.d, b.tag, b.a[3] != c.a[3]);
    struct bits bf = {5, 17, -3, 999999};
    printf("bits %u %u %d %u sizeof=%d\n", bf.a, bf.b, bf.c, bf.d, (int)sizeof bf);
    bf.a = 9; /* truncated to 3 bits */
    bf.c = 7;
    bf.c++; /* wraps in 4 signed bits (implementation-defined, same on both) */
    printf("bits after overflow %u %d\n", bf.a, bf.c);
    union pun u = {.f = 1.0f};
    printf("pun float 1.0 = %08x little-endian byte0=%02x\n", u.u, u.b[0]);
    u.u = 0x40490fdb;
    printf("pun back %.6f\n", (double)u.f);
    union pun64 d = {.d = -2.5};
    printf("pun64 %016llx\n", (unsigned long long)d.u);
    uint32_t word = 0x01020304;
    unsigned char bytes[4];
    memcpy(bytes, &word, 4);
    printf("endianness bytes %d %d %d %d\n", bytes[0], bytes[1], bytes[2], bytes[3]);
    struct flex *f = malloc(sizeof *f + 10 * sizeof(int));
    f->n = 10;
    for (int i = 0; i < f->n; i++) f->data[i] = i * i;
    printf("flex last=%d sizeof=%d\n", f->data[9], (int)sizeof(struct flex));
    free(f);
    int *arr = (int[]){5, 6, 7};
    printf("compound literal %d\n", arr[0] + arr[1] + arr[2]);
    struct point pts[3] = {[2] = {9, 9}, [0].y = 4};
    printf("designated %d %d %d %d\n", pts[0].x, pts[0].y, pts[1].x, pts[2].y);
    return 0;
}
