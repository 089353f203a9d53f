// Wide-character basics with ASCII content only (C locale): wcslen, wcscmp, wcstol, swprintf, mbstowcs.
#include <stdio.h>
#include <wchar.h>
#include <wctype.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
    const wchar_t *w = L"Wide string 123";
    printf("sizeof(wchar_t)=%d wcslen=%zu\n", (int)sizeof(wchar_t), wcslen(w));
    wchar_t buf[64];
    wcscpy(buf, w);
    wcscat(buf, L" more");
    printf("wcscmp %d %d\n", wcscmp(buf, w) > 0, wcscmp(w, w));
    printf("wcschr offset %ld\n", (long)(wcschr(buf, L'1') - buf));
    printf("wcsstr offset %ld\n", (long)(wcsstr(buf, L"more") - buf));
    wchar_t *end;
    long v = wcstol(L"  -4096rest", &end, 10);
    printf("wcstol %ld rest-len %zu\n", v, wcslen(end));
    double d = wcstod(L"2.5e2", NULL);
    printf("wcstod %.1f\n", d);
    int n = swprintf(buf, 64, L"%d-%ls-%.2f", 42, L"abc", 1.5);
    char nb[64];
    size_t m = wcstombs(nb, buf, sizeof nb);
    printf("swprintf n=%d wcstombs=%zu [%s]\n", n, m, nb);
    wchar_t back[64];
    m = mbstowcs(back, "ascii only", 64);
    printf("mbstowcs=%zu eq=%d\n", m, wcscmp(back, L"ascii only") == 0);
    int up = 0;
    for (const wchar_t *p = L"MiXeD CaSe"; *p; p++) up += iswupper((wint_t)*p) != 0;
    printf("iswupper count %d towupper %lc\n", up, (wint_t)towupper(L'q'));
    printf("wctob %d btowc %d\n", wctob(L'A'), (int)btowc('z'));
    printf("mblen %d\n", mblen("x", 1));
    return 0;
}
