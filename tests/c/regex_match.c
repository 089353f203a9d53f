// POSIX regex: ERE and BRE, unambiguous submatches, REG_ICASE, REG_NOSUB, REG_NEWLINE, invalid patterns.
#include <stdio.h>
#include <string.h>
#include <regex.h>

static void try(const char *pat, int cflags, const char *s) {
    regex_t re;
    int r = regcomp(&re, pat, cflags);
    if (r != 0) { printf("%-28s compile error (nonzero)\n", pat); return; }
    regmatch_t m[4];
    r = regexec(&re, s, 4, m, 0);
    printf("%-28s on %-22s -> %s", pat, s, r == 0 ? "match" : "nomatch");
    if (r == 0 && !(cflags & REG_NOSUB)) {
        for (int i = 0; i < 4 && i <= (int)re.re_nsub; i++) {
            if (m[i].rm_so < 0) printf(" [%d:-]", i);
            else printf(" [%d:%.*s@%d]", i, (int)(m[i].rm_eo - m[i].rm_so), s + m[i].rm_so, (int)m[i].rm_so);
        }
    }
    printf(" nsub=%zu\n", re.re_nsub);
    regfree(&re);
}

int main(void) {
    try("^[a-z]+$", REG_EXTENDED, "hello");
    try("^[a-z]+$", REG_EXTENDED, "Hello");
    try("^[a-z]+$", REG_EXTENDED | REG_ICASE, "Hello");
    try("([0-9]{4})-([0-9]{2})-([0-9]{2})", REG_EXTENDED, "date: 2024-02-29.");
    try("(foo|bar)baz", REG_EXTENDED, "xxbarbazyy");
    try("a+b*c?", REG_EXTENDED, "xaaabbd");
    try("colou?r", REG_EXTENDED, "the color red");
    try("\\(ab\\)\\{2\\}", 0, "xababab");
    try("^abc", 0, "abc");
    try("a.c", 0, "a\nc");
    try("x[[:digit:]]+y", REG_EXTENDED, "ax123yb");
    try("[[:space:]]+", REG_EXTENDED, "no_spaces");
    try("^line2$", REG_EXTENDED | REG_NEWLINE, "line1\nline2\nline3");
    try("^line2$", REG_EXTENDED, "line1\nline2\nline3");
    try("needle", REG_EXTENDED | REG_NOSUB, "haystack with needle");
    try("(a)|(b)", REG_EXTENDED, "b");
    try("[abc", REG_EXTENDED, "a");
    try("a{2,1}", REG_EXTENDED, "aa");
    try("(unclosed", REG_EXTENDED, "x");
    try("\\.", REG_EXTENDED, "a.b");
    try("[.]", REG_EXTENDED, "abc");
    try("^$", REG_EXTENDED, "");
    /* loop over all matches */
    regex_t re;
    regcomp(&re, "[0-9]+", REG_EXTENDED);
    const char *s = "a1 b22 c333 d4444";
    regmatch_t m;
    printf("all numbers:");
    while (regexec(&re, s, 1, &m, 0) == 0) {
        printf(" %.*s", (int)(m.rm_eo - m.rm_so), s + m.rm_so);
        s += m.rm_eo;
    }
    printf("\n");
    regfree(&re);
    return 0;
}
