// argv passed by the harness (alpha beta) and the environment: getenv/setenv/unsetenv/putenv, sorted environ.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(int argc, char **argv) {
    printf("argc=%d\n", argc);
    for (int i = 1; i < argc; i++) printf("argv[%d]=[%s] len=%zu\n", i, argv[i], strlen(argv[i]));
    printf("argv[argc] is NULL: %d\n", argv[argc] == NULL);
    printf("argv[0] non-empty: %d\n", argv[0] != NULL && argv[0][0] != 0);
    const char *v = getenv("CORPUS_VAR");
    printf("CORPUS_VAR=%s\n", v ? v : "(unset)");
    printf("MISSING=%s\n", getenv("CORPUS_MISSING") ? "set" : "(unset)");
    int n = 0;
    for (char **e = environ; *e; e++) n++;
    char **copy = malloc(sizeof(char *) * (size_t)(n + 1));
    for (int i = 0; i < n; i++) copy[i] = environ[i];
    qsort(copy, (size_t)n, sizeof copy[0], cmp);
    printf("environ (%d):\n", n);
    for (int i = 0; i < n; i++) printf("  %s\n", copy[i]);
    free(copy);
    printf("setenv=%d\n", setenv("NEW_VAR", "hello world", 0));
    printf("NEW_VAR=%s\n", getenv("NEW_VAR"));
    setenv("NEW_VAR", "no overwrite", 0);
    printf("NEW_VAR=%s\n", getenv("NEW_VAR"));
    setenv("NEW_VAR", "overwritten", 1);
    printf("NEW_VAR=%s\n", getenv("NEW_VAR"));
    setenv("CORPUS_VAR", "changed", 1);
    printf("CORPUS_VAR=%s\n", getenv("CORPUS_VAR"));
    static char pe[] = "PUT_VAR=via putenv";
    putenv(pe);
    printf("PUT_VAR=%s\n", getenv("PUT_VAR"));
    pe[8] = 'V';
    printf("PUT_VAR after edit=%s\n", getenv("PUT_VAR"));
    printf("unsetenv=%d\n", unsetenv("NEW_VAR"));
    printf("NEW_VAR=%s\n", getenv("NEW_VAR") ? "set" : "(unset)");
    printf("setenv with '=' -> %d\n", setenv("BAD=NAME", "x", 1));
    int se = setenv("EMPTY", "", 1);
    printf("setenv empty value=%d [%s]\n", se, getenv("EMPTY") ? getenv("EMPTY") : "(unset)");
    for (int i = 0; i < 200; i++) {
        char name[32], val[32];
        snprintf(name, sizeof name, "MANY_%03d", i);
        snprintf(val, sizeof val, "%d", i * i);
        setenv(name, val, 1);
    }
    long sum = 0;
    for (int i = 0; i < 200; i += 7) {
        char name[32];
        snprintf(name, sizeof name, "MANY_%03d", i);
        sum += atol(getenv(name));
    }
    printf("many sum=%ld\n", sum);
    return argc == 3 ? 0 : 9;
}
