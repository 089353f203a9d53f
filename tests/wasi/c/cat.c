// stdin to stdout: every line with its number and length; a summary at EOF.
#include "../common.h"
#include <unistd.h>

int main(void) {
    char buf[4096];
    size_t total = 0, lines = 0;
    int c, col = 0;
    printf("%4zu: ", lines + 1);
    while ((c = getchar()) != EOF) {
        total++;
        if (c == '\n') { printf(" (%d)\n", col); col = 0; lines++; printf("%4zu: ", lines + 1); continue; }
        putchar(c >= 'a' && c <= 'z' ? c - 32 : c);
        col++;
    }
    printf("<EOF>\n%zu bytes, %zu lines, ferror=%d\n", total, lines, ferror(stdin));
    /* reading again at EOF returns 0 */
    printf("read after EOF=%zd\n", read(0, buf, sizeof buf));
    return 0;
}
