// qsort with several comparators (total orders only), bsearch hits/misses, lfind/lsearch, tsearch in-order walk.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <search.h>
#include <stdint.h>

static int cmp_int(const void *a, const void *b) { int x = *(const int *)a, y = *(const int *)b; return (x > y) - (x < y); }
static int cmp_int_desc(const void *a, const void *b) { return cmp_int(b, a); }
static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }
struct rec { int key; int id; };
static int cmp_rec(const void *a, const void *b) {
    const struct rec *x = a, *y = b;
    if (x->key != y->key) return x->key < y->key ? -1 : 1;
    return (x->id > y->id) - (x->id < y->id); /* tie-break: qsort is not stable */
}
static uint32_t s = 99;
static uint32_t lcg(void) { s = s * 1103515245u + 12345u; return (s >> 16) & 0x7fff; }

static void walk(const void *node, VISIT which, int depth) {
    (void)depth;
    if (which == postorder || which == leaf) printf(" %d", **(int *const *)node);
}
static int cmp_ptr_int(const void *a, const void *b) { return cmp_int(a, b); }

int main(void) {
    int a[1000];
    for (int i = 0; i < 1000; i++) a[i] = (int)(lcg() % 5000) - 2500;
    qsort(a, 1000, sizeof a[0], cmp_int);
    int sorted = 1;
    for (int i = 1; i < 1000; i++) if (a[i - 1] > a[i]) sorted = 0;
    printf("sorted=%d min=%d max=%d median=%d\n", sorted, a[0], a[999], a[500]);
    long h = 0;
    for (int i = 0; i < 1000; i++) h = h * 31 + a[i];
    printf("hash=%ld\n", h);
    int keys[] = {a[0], a[999], a[123], -2501, 2500, 0, 17};
    for (int i = 0; i < 7; i++) {
        int *f = bsearch(&keys[i], a, 1000, sizeof a[0], cmp_int);
        printf("bsearch %d: %s\n", keys[i], f ? "found" : "missing");
    }
    qsort(a, 1000, sizeof a[0], cmp_int_desc);
    printf("desc first=%d last=%d\n", a[0], a[999]);
    const char *words[] = {"pear", "apple", "fig", "banana", "Cherry", "apricot", "date", "elderberry", "Apple", "fig2"};
    qsort(words, 10, sizeof words[0], cmp_str);
    for (int i = 0; i < 10; i++) printf("%s ", words[i]);
    printf("\n");
    struct rec rs[50];
    for (int i = 0; i < 50; i++) { rs[i].key = (int)(lcg() % 5); rs[i].id = i; }
    qsort(rs, 50, sizeof rs[0], cmp_rec);
    for (int i = 0; i < 50; i++) printf("%d:%d ", rs[i].key, rs[i].id);
    printf("\n");
    qsort(a, 0, sizeof a[0], cmp_int);
    qsort(a, 1, sizeof a[0], cmp_int);
    printf("trivial qsorts ok\n");
    int tab[10] = {5, 3, 9};
    size_t n = 3;
    int k = 9;
    int *f = lfind(&k, tab, &n, sizeof(int), cmp_ptr_int);
    printf("lfind 9 at %ld\n", f ? (long)(f - tab) : -1L);
    k = 7;
    f = lsearch(&k, tab, &n, sizeof(int), cmp_ptr_int);
    printf("lsearch 7 appended at %ld n=%zu\n", (long)(f - tab), n);
    void *root = NULL;
    static int vals[20];
    for (int i = 0; i < 20; i++) { vals[i] = (i * 7) % 20; tsearch(&vals[i], &root, cmp_ptr_int); }
    int dup = 14;
    int *found = *(int **)tsearch(&dup, &root, cmp_ptr_int);
    printf("tsearch existing returns original: %d\n", found != &dup);
    int del = 10;
    tdelete(&del, &root, cmp_ptr_int);
    printf("tfind 10 after delete: %d\n", tfind(&del, &root, cmp_ptr_int) != NULL);
    printf("twalk in-order:");
    twalk(root, walk);
    printf("\n");
    return 0;
}
