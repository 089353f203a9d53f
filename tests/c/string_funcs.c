// string.h: copying, comparison (sign only), searching, tokenizing, memory functions.
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <stdlib.h>

static int sgn(int x) { return (x > 0) - (x < 0); }

int main(void) {
    char buf[64], buf2[64];
    printf("strlen %zu %zu %zu\n", strlen(""), strlen("hello"), strlen("a\0b"));
    printf("strnlen %zu %zu\n", strnlen("hello", 3), strnlen("hi", 10));
    strcpy(buf, "foo");
    strcat(buf, "bar");
    strncat(buf, "bazqux", 3);
    printf("cat [%s]\n", buf);
    memset(buf2, 'X', sizeof buf2);
    strncpy(buf2, "ab", 6);
    printf("strncpy pad: %d %d %d %d %c\n", buf2[0], buf2[2], buf2[5], buf2[6] == 'X', buf2[6]);
    char *e = stpcpy(buf, "stp");
    e = stpcpy(e, "cpy");
    printf("stpcpy [%s] len via end %ld\n", buf, (long)(e - buf));
    const char *cmps[][2] = {{"abc", "abd"}, {"abc", "abc"}, {"b", "abc"}, {"", "a"}, {"\xff", "a"}, {"ABC", "abc"}};
    for (int i = 0; i < 6; i++)
        printf("cmp %d: strcmp=%d strncmp2=%d strcasecmp=%d memcmp=%d\n", i, sgn(strcmp(cmps[i][0], cmps[i][1])),
               sgn(strncmp(cmps[i][0], cmps[i][1], 2)), sgn(strcasecmp(cmps[i][0], cmps[i][1])),
               sgn(memcmp(cmps[i][0], cmps[i][1], 1)));
    printf("strncasecmp %d %d\n", sgn(strncasecmp("HeLLo", "hellO world", 5)), sgn(strncasecmp("a", "B", 1)));
    const char *hay = "the quick brown fox jumps over the lazy dog";
    printf("strchr [%s]\n", strchr(hay, 'q'));
    printf("strrchr [%s]\n", strrchr(hay, 'o'));
    printf("strchr nul at %ld\n", (long)(strchr(hay, '\0') - hay));
    printf("strchr missing %d\n", strchr(hay, 'Z') == NULL);
    printf("strstr [%s] %d [%s]\n", strstr(hay, "the lazy"), strstr(hay, "cat") == NULL, strstr(hay, ""));
    printf("strspn %zu strcspn %zu\n", strspn(hay, "the "), strcspn(hay, "xyz"));
    printf("strpbrk [%s]\n", strpbrk(hay, "jx"));
    printf("memchr [%s]\n", (char *)memchr(hay, 'b', strlen(hay)));
    printf("memrchr [%s]\n", (char *)memrchr(hay, 't', strlen(hay)));
    printf("strcasestr [%s]\n", strcasestr(hay, "BROWN"));

    char tok[] = "  a,b;;c , d  ";
    for (char *t = strtok(tok, " ,;"); t; t = strtok(NULL, " ,;")) printf("tok [%s]\n", t);
    char tok2[] = "k1=v1&k2=v2&k3";
    char *save;
    for (char *t = strtok_r(tok2, "&", &save); t; t = strtok_r(NULL, "&", &save)) {
        char *s2, *k = strtok_r(t, "=", &s2), *v = strtok_r(NULL, "=", &s2);
        printf("pair [%s]=[%s]\n", k, v ? v : "(none)");
    }
    char sep[] = "x::y:z";
    char *sp = sep, *f;
    while ((f = strsep(&sp, ":"))) printf("strsep [%s]\n", f);

    char ov[] = "0123456789";
    memmove(ov + 2, ov, 5);
    printf("memmove fwd [%s]\n", ov);
    strcpy(ov, "0123456789");
    memmove(ov, ov + 3, 5);
    printf("memmove back [%s]\n", ov);
    char *d = strdup("duplicate");
    char *nd = strndup("truncate me", 8);
    printf("strdup [%s] strndup [%s]\n", d, nd);
    free(d);
    free(nd);
    /* large memcpy/memset/memcmp across odd alignments */
    static unsigned char a[70000], b[70000];
    for (size_t i = 0; i < sizeof a; i++) a[i] = (unsigned char)(i * 7 + 3);
    unsigned long sum = 0;
    for (int off = 0; off < 8; off++) {
        memset(b, 0, sizeof b);
        memcpy(b + off, a + (7 - off), 60000 + off);
        sum += b[off] + b[60000 + off - 1] * 3u + (unsigned)(memcmp(b + off, a + 7 - off, 60000 + off) == 0);
    }
    printf("memcpy checksum %lu\n", sum);
    printf("ffs %d %d %d\n", ffs(0), ffs(1), ffs(0x80));
    char sw[] = "abcdef";
    swab("abcdef", sw, 6);
    printf("swab [%s]\n", sw);
    return 0;
}
