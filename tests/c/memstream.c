// fmemopen and open_memstream.
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    for (int i = 0; i < 1000; i++) fprintf(m, "%d,", i);
    fflush(m);
    printf("memstream len=%zu strlen=%zu\n", len, strlen(buf));
    fprintf(m, "END");
    fclose(m);
    printf("final len=%zu tail=%s head=%.20s\n", len, buf + len - 8, buf);
    unsigned sum = 0;
    for (size_t i = 0; i < len; i++) sum = sum * 31 + (unsigned char)buf[i];
    printf("checksum=%u\n", sum);
    free(buf);

    char src[] = "alpha 1\nbeta 2\ngamma 3\n";
    FILE *r = fmemopen(src, strlen(src), "r");
    char word[16]; int n;
    while (fscanf(r, "%15s %d", word, &n) == 2) printf("read %s=%d\n", word, n);
    fclose(r);

    char out[32];
    memset(out, 0, sizeof out);
    FILE *w = fmemopen(out, sizeof out, "w");
    fprintf(w, "hello %d", 123);
    fflush(w);
    printf("fmemopen w: [%s] pos=%ld\n", out, ftell(w));
    fseek(w, 2, SEEK_SET);
    fputs("LL", w);
    fclose(w);
    printf("after seek write: [%s]\n", out);
    return 0;
}
