// getopt and getopt_long over constructed argument vectors (options before operands, opterr=0).
#define _GNU_SOURCE
#include <stdio.h>
#include <unistd.h>
#include <getopt.h>

static void run(int argc, char **argv) {
    optind = 0; /* full reinitialisation, supported by glibc and musl */
    opterr = 0;
    int c;
    printf("run:");
    while ((c = getopt(argc, argv, "ab:c::v")) != -1) {
        if (c == '?') printf(" ?(%c)", optopt);
        else if (c == 'b' || (c == 'c' && optarg)) printf(" -%c=%s", c, optarg); /* musl leaves optarg stale */
        else printf(" -%c", c);
    }
    printf(" | operands:");
    for (int i = optind; i < argc; i++) printf(" %s", argv[i]);
    printf("\n");
}

int main(void) {
    char *v1[] = {"prog", "-a", "-b", "val", "-cX", "-v", "file1", "file2", NULL};
    run(8, v1);
    char *v2[] = {"prog", "-avbval", "--", "-a", "x", NULL};
    run(5, v2);
    char *v3[] = {"prog", "-z", "-b", NULL};
    run(3, v3);
    char *v4[] = {"prog", "-c", "notarg", NULL};
    run(3, v4);
    char *v5[] = {"prog", NULL};
    run(1, v5);
    char *v6[] = {"prog", "-a", "-", NULL}; /* "-" is an operand; nothing after it (glibc would permute) */
    run(3, v6);

    static struct option longopts[] = {
        {"verbose", no_argument, NULL, 'v'},
        {"output", required_argument, NULL, 'o'},
        {"level", optional_argument, NULL, 'l'},
        {"flag", no_argument, NULL, 1000},
        {0, 0, 0, 0},
    };
    char *v7[] = {"prog", "--verbose", "--output=out.txt", "--output", "o2", "--level", "--level=3", "-o", "o3",
                  "--flag", "--verb", "rest", NULL};
    optind = 0;
    opterr = 0;
    int c, idx = -1;
    printf("long:");
    while ((c = getopt_long(12, v7, "vo:l::", longopts, &idx)) != -1) {
        if (c == '?') printf(" ?");
        else printf(" %d(%s)", c, (c == 'o' || c == 'l') && optarg ? optarg : "-");
    }
    printf(" | operands:");
    for (int i = optind; i < 12; i++) printf(" %s", v7[i]);
    printf("\n");
    char *v8[] = {"prog", "--unknown", "--output", NULL};
    optind = 0;
    printf("long errors:");
    while ((c = getopt_long(3, v8, ":vo:", longopts, NULL)) != -1) printf(" %c", c);
    printf("\n");
    return 0;
}
