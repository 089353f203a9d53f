// Arguments, the environment (exactly what --env gave, sorted) and stdout.
#include "../common.h"
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv) {
    printf("hello, world\n");
    const char *slash = strrchr(argv[0], '/');
    printf("argc=%d argv0=%s\n", argc, slash ? slash + 1 : argv[0]);
    for (int i = 1; i < argc; i++) printf("argv[%d]=[%s] len=%zu\n", i, argv[i], strlen(argv[i]));
    int n = 0;
    while (environ[n]) n++;
    char **env = malloc((n + 1) * sizeof *env);
    memcpy(env, environ, n * sizeof *env);
    qsort(env, n, sizeof *env, cmp_str);
    printf("environ has %d entries\n", n);
    for (int i = 0; i < n; i++) printf("env[%d]=[%s]\n", i, env[i]);
    const char *v = getenv("WASI_TEST_VAR");
    printf("getenv(WASI_TEST_VAR)=%s\n", v ? v : "(null)");
    v = getenv("HOME");
    printf("getenv(HOME)=%s\n", v ? v : "(null)");
    v = getenv("PATH");
    printf("getenv(PATH)=%s\n", v ? v : "(null)");
    setenv("NEW_VAR", "set-in-guest", 1);
    printf("getenv(NEW_VAR)=%s\n", getenv("NEW_VAR"));
    /* a large write, in pieces */
    for (int i = 0; i < 2000; i++) printf("line %04d of a long output %s\n", i, "....................................");
    fflush(stdout);
    static const char raw[] = "written with write(1)\n";
    printf("write=%zd\n", write(1, raw, sizeof raw - 1));
    fprintf(stderr, "this goes to stderr\n");
    return 0;
}
