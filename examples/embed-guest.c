/* The guest of crates/wali/examples/embed.rs: a WALI program that also
 * calls two functions its host program provides (module "host"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((import_module("host"), import_name("add"))) int host_add(int a, int b);
__attribute__((import_module("host"), import_name("log"))) int host_log(const char *msg, int len);

int main(int argc, char **argv) {
    int a = argc > 1 ? atoi(argv[1]) : 0, b = argc > 2 ? atoi(argv[2]) : 0;
    printf("guest: %d + %d = %d (added by the host)\n", a, b, host_add(a, b));
    const char *g = getenv("GREETING");
    printf("guest: GREETING=%s\n", g ? g : "(none)");
    const char *msg = "a message through host.log";
    if (host_log(msg, (int)strlen(msg)) != 0) return 1;
    if (host_log((const char *)0xfffffff0, 64) != -1) return 2;   /* out of bounds: refused */
    return 7;
}
