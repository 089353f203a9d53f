// %s and %c padding/precision, %*, positional arguments, fprintf/sprintf return values.
#include <stdio.h>
#include <string.h>

int main(void) {
    const char *w[] = {"", "a", "hello", "a longer string here"};
    for (int i = 0; i < 4; i++)
        printf("[%s] [%8s] [%-8s] [%.3s] [%8.2s] [%-8.4s] [%.0s]\n", w[i], w[i], w[i], w[i], w[i], w[i], w[i]);
    printf("[%*s] [%-*s] [%.*s]\n", 7, "ab", 7, "ab", 2, "abcdef");
    printf("[%1$s %2$s %1$s] [%3$*4$d]\n", "x", "y", 7, 5);
    printf("[%2$d %1$d]\n", 1, 2);
    char buf[256];
    int n = sprintf(buf, "%-10s|%10s|%c", "left", "right", 'z');
    printf("sprintf %d [%s]\n", n, buf);
    n = fprintf(stdout, "%s=%d;", "key", 10);
    printf(" fprintf returned %d\n", n);
    char big[3000];
    memset(big, 'q', sizeof big - 1);
    big[sizeof big - 1] = 0;
    n = printf("%s\n", big);
    printf("big returned %d\n", n);
    n = printf("%2000d|\n", 5);
    printf("wide returned %d\n", n);
    printf("%s%s%s\n", "con", "cat", "enation");
    printf("[%5s] [%-5s] [%5.1s]\n", "\xc3\xa9t\xc3\xa9", "ab", "xyz");
    puts("puts line");
    fputs("fputs no newline", stdout);
    putchar('\n');
    for (int c = 32; c < 127; c++) putchar(c);
    putchar('\n');
    return 0;
}
