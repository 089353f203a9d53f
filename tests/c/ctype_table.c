// ctype classification of every byte value in the C locale.
#include <stdio.h>
#include <ctype.h>

int main(void) {
    int counts[12] = {0};
    unsigned long h = 0;
    for (int c = -1; c < 256; c++) {
        int bits = (!!isalnum(c)) | (!!isalpha(c)) << 1 | (!!iscntrl(c)) << 2 | (!!isdigit(c)) << 3 |
                   (!!isgraph(c)) << 4 | (!!islower(c)) << 5 | (!!isprint(c)) << 6 | (!!ispunct(c)) << 7 |
                   (!!isspace(c)) << 8 | (!!isupper(c)) << 9 | (!!isxdigit(c)) << 10 | (!!isblank(c)) << 11;
        for (int k = 0; k < 12; k++) counts[k] += (bits >> k) & 1;
        h = h * 131 + (unsigned long)bits * 7 + (unsigned long)toupper(c) * 3 + (unsigned long)tolower(c);
        if (c >= 0 && c < 128) printf("%03x%c", bits, (c % 16 == 15) ? '\n' : ' ');
    }
    const char *names[12] = {"alnum", "alpha", "cntrl", "digit", "graph", "lower",
                             "print", "punct", "space", "upper", "xdigit", "blank"};
    for (int k = 0; k < 12; k++) printf("%s=%d\n", names[k], counts[k]);
    printf("hash=%lx\n", h);
    printf("toupper: ");
    for (const char *p = "Hello, World! 123 zZ"; *p; p++) putchar(toupper((unsigned char)*p));
    printf("\ntolower: ");
    for (const char *p = "Hello, World! 123 zZ"; *p; p++) putchar(tolower((unsigned char)*p));
    printf("\nisascii(200)=%d toascii(200)=%d\n", isascii(200) != 0, toascii(200));
    return 0;
}
