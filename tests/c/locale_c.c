// The C/POSIX locale: setlocale queries, localeconv fields, strcoll/strxfrm equal to strcmp.
#include <stdio.h>
#include <locale.h>
#include <string.h>
#include <stdlib.h>

static int sgn(int x) { return (x > 0) - (x < 0); }

int main(void) {
    const char *l = setlocale(LC_ALL, NULL);
    printf("initial LC_ALL=%s\n", l);
    printf("setlocale C ok=%d name=%s\n", setlocale(LC_ALL, "C") != NULL, setlocale(LC_ALL, NULL));
    const char *px = setlocale(LC_ALL, "POSIX");
    printf("setlocale POSIX ok=%d is C or POSIX=%d\n", px != NULL, px && (!strcmp(px, "C") || !strcmp(px, "POSIX")));
    printf("LC_NUMERIC=%s\n", setlocale(LC_NUMERIC, "C"));
    /* not tested: unknown locale names (musl accepts any name) and MB_CUR_MAX (musl's C locale differs) */
    struct lconv *lc = localeconv();
    printf("decimal_point=[%s] thousands_sep=[%s] grouping_len=%zu\n", lc->decimal_point, lc->thousands_sep,
           strlen(lc->grouping));
    printf("int_curr_symbol=[%s] currency_symbol=[%s] mon_decimal_point=[%s] positive_sign=[%s] negative_sign=[%s]\n",
           lc->int_curr_symbol, lc->currency_symbol, lc->mon_decimal_point, lc->positive_sign, lc->negative_sign);
    printf("frac_digits=%d int_frac_digits=%d p_cs_precedes=%d\n", lc->frac_digits, lc->int_frac_digits,
           lc->p_cs_precedes);
    printf("printf uses '.': %.2f\n", 1234.5);
    const char *w[][2] = {{"abc", "abd"}, {"B", "a"}, {"a", "B"}, {"", ""}, {"zz", "z"}};
    for (int i = 0; i < 5; i++)
        printf("strcoll(%s,%s)=%d strcmp=%d\n", w[i][0], w[i][1], sgn(strcoll(w[i][0], w[i][1])),
               sgn(strcmp(w[i][0], w[i][1])));
    char x[32];
    size_t n = strxfrm(x, "hello", sizeof x);
    printf("strxfrm n=%zu same=%d\n", n, strcmp(x, "hello") == 0);
    return 0;
}
