// memcpy, memmove, memset and memcmp against byte-at-a-time references, for
// every length 0..80 and every alignment 0..7 of both sides, overlapping
// moves in both directions, and memcmp's sign for bytes above 127 at every
// position. Prints one count of mismatches per function (all 0).
#include <stdio.h>
#include <string.h>

static unsigned char a[256], b[256], ref[256];
static unsigned s = 7;
static unsigned char rnd(void) { s ^= s << 13; s ^= s >> 17; s ^= s << 5; return (unsigned char)s; }
static void fill(unsigned char *p, int n) { for (int i = 0; i < n; i++) p[i] = rnd(); }
static int sign(int x) { return (x > 0) - (x < 0); }

int main(void) {
    int bad_cpy = 0, bad_move = 0, bad_set = 0, bad_cmp = 0;
    for (int n = 0; n <= 80; n++) {
        for (int da = 0; da < 8; da++) {
            for (int sa = 0; sa < 8; sa++) {
                fill(a, 256), fill(b, 256);
                memcpy(ref, a, 256);
                for (int i = 0; i < n; i++) ref[16 + da + i] = b[16 + sa + i];
                memcpy(a + 16 + da, b + 16 + sa, n);
                bad_cpy += memcmp(a, ref, 256) != 0;

                // Overlapping: source and destination in the same buffer.
                fill(a, 256);
                unsigned char tmp[256];
                memcpy(tmp, a + 64 + sa, n);
                memcpy(ref, a, 256);
                for (int i = 0; i < n; i++) ref[64 + da + i - 4] = tmp[i];
                memmove(a + 64 + da - 4, a + 64 + sa, n);
                bad_move += memcmp(a, ref, 256) != 0;

                fill(a, 256);
                memcpy(ref, a, 256);
                int c = sa * 37 + 200;
                for (int i = 0; i < n; i++) ref[16 + da + i] = (unsigned char)c;
                memset(a + 16 + da, c, n);
                bad_set += memcmp(a, ref, 256) != 0;
            }
        }
        // memcmp: equal, then one differing byte at each position, both ways.
        for (int sa = 0; sa < 8; sa++) {
            fill(a, 256);
            memcpy(b + sa, a, n);
            bad_cmp += memcmp(a, b + sa, n) != 0;
            for (int k = 0; k < n; k++) {
                unsigned char keep = b[sa + k];
                b[sa + k] = a[k] ^ 0x80; // crosses 127: the sign must come from unsigned bytes
                int want = sign((int)a[k] - (int)b[sa + k]);
                bad_cmp += sign(memcmp(a, b + sa, n)) != want;
                bad_cmp += sign(memcmp(b + sa, a, n)) != -want;
                b[sa + k] = keep;
            }
        }
    }
    printf("memcpy %d memmove %d memset %d memcmp %d\n", bad_cpy, bad_move, bad_set, bad_cmp);
    return bad_cpy || bad_move || bad_set || bad_cmp;
}
