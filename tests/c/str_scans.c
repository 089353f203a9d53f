// strlen and strcspn against byte-at-a-time references: every length 0..80 at
// every alignment 0..31, reject sets of 0 to 6 bytes (bytes above 127 too,
// the first match at every position), and strings that end on the last byte
// before an inaccessible page, or start on the first byte after one. Prints
// one count of mismatches per function (all 0) and a checksum of results.
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static size_t ref_strlen(const char *s) { size_t n = 0; while (s[n]) n++; return n; }
static size_t ref_strcspn(const char *s, const char *r) {
    size_t n = 0;
    for (; s[n]; n++)
        if (strchr(r, s[n])) break;
    return n;
}

static unsigned seed = 11;
static unsigned char rnd(void) { seed ^= seed << 13; seed ^= seed >> 17; seed ^= seed << 5; return (unsigned char)seed; }
/* A byte that is never NUL and never in "abcdef\x80\xff". */
static char filler(void) { return (char)('g' + rnd() % 19); }

static const char *sets[] = { "", "a", "ab", "\x80\xff", "abc", "abcd", "abcde", "abcdef", "\xff" };
#define NSETS (sizeof sets / sizeof *sets)

int main(void) {
    static char buf[256];
    int bad_len = 0, bad_cspn = 0;
    unsigned long sum = 0;
    for (int n = 0; n <= 80; n++) {
        for (int al = 0; al < 32; al++) {
            char *s = buf + 64 + al;
            for (int i = 0; i < n; i++) s[i] = filler();
            s[n] = 0;
            for (int i = 0; i < 64 + al; i++) buf[i] = (char)rnd();
            for (int i = n + 1; 64 + al + i < (int)sizeof buf; i++) s[i] = (char)rnd();
            size_t l = strlen(s);
            bad_len += l != ref_strlen(s);
            sum += l;
            for (unsigned k = 0; k < NSETS; k++) {
                size_t r = strcspn(s, sets[k]);
                bad_cspn += r != ref_strcspn(s, sets[k]);
                sum += r * (k + 1);
                /* Plant a rejected byte at every position. */
                if (!sets[k][0]) continue;
                for (int at = 0; at < n; at += 7) {
                    char keep = s[at];
                    s[at] = sets[k][at % strlen(sets[k])];
                    r = strcspn(s, sets[k]);
                    bad_cspn += r != (size_t)at || r != ref_strcspn(s, sets[k]);
                    s[at] = keep;
                }
            }
        }
    }
    /* Strings that end right before, or start right after, a page nobody may read. */
    long page = sysconf(_SC_PAGESIZE);
    char *m = mmap(NULL, 3 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED || mprotect(m + page, page, PROT_NONE) != 0) {
        puts("mmap/mprotect failed");
        return 1;
    }
    for (int n = 0; n < 40; n++) {
        char *s = m + page - 1 - n;
        memset(s, 'x', n);
        s[n] = 0;
        bad_len += strlen(s) != (size_t)n;
        bad_cspn += strcspn(s, "ab") != (size_t)n || strcspn(s, "abcdefg") != (size_t)n;
        char *t = m + 2 * page;
        memset(t, 'y', n);
        t[n] = 0;
        bad_len += strlen(t) != (size_t)n;
        bad_cspn += strcspn(t, "y") != 0 || strcspn(t, "abc") != (size_t)n;
    }
    printf("strlen mismatches %d\nstrcspn mismatches %d\nchecksum %lu\n", bad_len, bad_cspn, sum);
    return bad_len || bad_cspn;
}
