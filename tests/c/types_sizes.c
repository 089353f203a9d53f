// Sizes and limits that WALI makes identical to x86_64 (64-bit long, 64-bit off_t/time_t).
#include <stdio.h>
#include <limits.h>
#include <stdint.h>
#include <stddef.h>
#include <wchar.h>
#include <sys/types.h>
#include <time.h>
#include <stdalign.h>

int main(void) {
    printf("char=%d short=%d int=%d long=%d llong=%d float=%d double=%d\n", (int)sizeof(char), (int)sizeof(short),
           (int)sizeof(int), (int)sizeof(long), (int)sizeof(long long), (int)sizeof(float), (int)sizeof(double));
    printf("off_t=%d time_t=%d pid_t=%d uid_t=%d gid_t=%d mode_t=%d ino_t=%d dev_t=%d wchar_t=%d\n",
           (int)sizeof(off_t), (int)sizeof(time_t), (int)sizeof(pid_t), (int)sizeof(uid_t), (int)sizeof(gid_t),
           (int)sizeof(mode_t), (int)sizeof(ino_t), (int)sizeof(dev_t), (int)sizeof(wchar_t));
    printf("int64=%d intmax=%d clock_t=%d suseconds=%d\n", (int)sizeof(int64_t), (int)sizeof(intmax_t),
           (int)sizeof(clock_t), (int)sizeof(((struct timeval *)0)->tv_usec));
    printf("CHAR_BIT=%d SCHAR_MIN=%d CHAR_MIN=%d CHAR_MAX=%d\n", CHAR_BIT, SCHAR_MIN, CHAR_MIN, CHAR_MAX);
    printf("SHRT_MAX=%d INT_MAX=%d INT_MIN=%d UINT_MAX=%u\n", SHRT_MAX, INT_MAX, INT_MIN, UINT_MAX);
    printf("LONG_MAX=%ld LONG_MIN=%ld ULONG_MAX=%lu\n", LONG_MAX, LONG_MIN, ULONG_MAX);
    printf("LLONG_MAX=%lld ULLONG_MAX=%llu\n", LLONG_MAX, ULLONG_MAX);
    printf("INT64_MAX=%lld UINT32_MAX=%u\n", (long long)INT64_MAX, UINT32_MAX);
    printf("align: int=%d long=%d llong=%d double=%d\n", (int)alignof(int), (int)alignof(long),
           (int)alignof(long long), (int)alignof(double));
    struct ts { char c; long l; } ;
    struct st { char c; int i; short s; long long ll; char d; };
    printf("struct ts=%d offsetof l=%d; struct st=%d offsets %d %d %d %d\n", (int)sizeof(struct ts),
           (int)offsetof(struct ts, l), (int)sizeof(struct st), (int)offsetof(struct st, i), (int)offsetof(struct st, s),
           (int)offsetof(struct st, ll), (int)offsetof(struct st, d));
    printf("struct timespec=%d\n", (int)sizeof(struct timespec));
    return 0;
}
