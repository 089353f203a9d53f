// getline/getdelim on stdin (the harness feeds getline_stdin.stdin) and on a file.
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int count = 0;
    size_t total = 0, longest = 0;
    while ((n = getline(&line, &cap, stdin)) != -1) {
        count++;
        total += (size_t)n;
        if ((size_t)n > longest) longest = (size_t)n;
        if (n > 0 && line[n - 1] == '\n') line[--n] = 0;
        printf("%3d (%3zd): %.60s\n", count, n, line);
    }
    printf("lines=%d bytes=%zu longest=%zu feof=%d\n", count, total, longest, feof(stdin) != 0);

    FILE *t = tmpfile();
    fputs("a:bb:ccc::dddd", t);
    rewind(t);
    while ((n = getdelim(&line, &cap, ':', t)) != -1) printf("field (%zd) [%s]\n", n, line);
    fclose(t);
    free(line);
    return count == 0 ? 5 : 0;
}
