// exit(argv[1]) after printing; "trap" executes unreachable, "return" returns from main.
#include "../common.h"
#include <unistd.h>

int main(int argc, char **argv) {
    const char *how = argc > 1 ? argv[1] : "0";
    printf("exiting with %s\n", how);
    if (strcmp(how, "trap") == 0) { fflush(stdout); __builtin_trap(); }
    if (strcmp(how, "return") == 0) return 7;
    if (strcmp(how, "proc_exit") == 0) { fflush(stdout); __wasi_proc_exit(42); }
    if (strcmp(how, "_exit") == 0) { printf("unflushed\n"); _exit(5); }
    exit(atoi(how));
}
