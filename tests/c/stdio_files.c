// FILE* I/O in a fresh mkdtemp directory: fopen modes, fgets, fread/fwrite, fseek/ftell, ungetc, feof/ferror, dprintf.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>

int main(void) {
    char dir[] = "/tmp/corpus-stdio-XXXXXX";
    if (!mkdtemp(dir)) { perror("mkdtemp"); return 1; }
    char path[256];
    snprintf(path, sizeof path, "%s/file.txt", dir);

    FILE *f = fopen(path, "w");
    if (!f) return 2;
    for (int i = 0; i < 10; i++) fprintf(f, "line %d: %s\n", i, i % 2 ? "odd" : "even");
    printf("ftell after write: %ld\n", ftell(f));
    fclose(f);

    f = fopen(path, "r");
    char line[128];
    int count = 0;
    while (fgets(line, sizeof line, f)) { count++; if (count <= 3) printf("got: %s", line); }
    printf("lines=%d feof=%d ferror=%d\n", count, feof(f) != 0, ferror(f) != 0);
    rewind(f);
    printf("after rewind feof=%d ftell=%ld\n", feof(f) != 0, ftell(f));
    fseek(f, -15, SEEK_END);
    printf("tail: %s", fgets(line, sizeof line, f));
    fseek(f, 5, SEEK_SET);
    int c = fgetc(f);
    printf("char at 5: %c\n", c);
    ungetc('Z', f);
    int c1 = fgetc(f);
    int c2 = fgetc(f);
    printf("after ungetc: %c%c\n", c1, c2);
    fclose(f);

    f = fopen(path, "a+");
    fputs("appended\n", f);
    fseek(f, 0, SEEK_SET);
    fgets(line, sizeof line, f);
    printf("a+ first line: %s", line);
    fseek(f, 0, SEEK_END);
    printf("a+ size: %ld\n", ftell(f));
    fclose(f);

    /* binary fwrite/fread of structs */
    struct rec { int id; double val; char name[8]; } recs[5], back[5];
    for (int i = 0; i < 5; i++) { recs[i].id = i * 11; recs[i].val = i / 4.0; snprintf(recs[i].name, 8, "r%d", i); }
    snprintf(path, sizeof path, "%s/data.bin", dir);
    f = fopen(path, "wb+");
    printf("fwrite=%zu\n", fwrite(recs, sizeof recs[0], 5, f));
    fseek(f, (long)sizeof recs[0] * 2, SEEK_SET);
    printf("fread=%zu\n", fread(back, sizeof back[0], 5, f));
    printf("rec: %d %.2f %s / %d %.2f %s\n", back[0].id, back[0].val, back[0].name, back[2].id, back[2].val, back[2].name);
    printf("eof=%d\n", feof(f) != 0);
    clearerr(f);
    printf("cleared eof=%d\n", feof(f) != 0);
    fclose(f);

    /* fdopen + dprintf + fileno */
    snprintf(path, sizeof path, "%s/fd.txt", dir);
    int fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0644);
    dprintf(fd, "dprintf %d %s\n", 7, "ok");
    f = fdopen(fd, "r+");
    printf("fileno matches: %d\n", fileno(f) == fd);
    fseek(f, 0, SEEK_SET);
    printf("read back: %s", fgets(line, sizeof line, f));
    fclose(f);

    /* freopen a file on a new stream, and "x" exclusive mode */
    FILE *g = fopen(path, "wx");
    printf("fopen wx on existing: %s\n", g ? "opened" : "failed");
    if (g) fclose(g);
    f = fopen(path, "r");
    f = freopen(path, "w", f);
    fputs("rewritten\n", f);
    fclose(f);
    f = fopen(path, "r");
    printf("after freopen: %s", fgets(line, sizeof line, f));
    fclose(f);

    /* tmpfile */
    f = tmpfile();
    fprintf(f, "tmp %d", 99);
    rewind(f);
    int v = 0;
    fscanf(f, "tmp %d", &v);
    printf("tmpfile value %d\n", v);
    fclose(f);

    /* cleanup */
    unlink(path);
    snprintf(path, sizeof path, "%s/file.txt", dir); unlink(path);
    snprintf(path, sizeof path, "%s/data.bin", dir); unlink(path);
    printf("rmdir=%d\n", rmdir(dir));
    return 0;
}
