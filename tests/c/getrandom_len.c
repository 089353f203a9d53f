// getrandom/getentropy//dev/urandom: only lengths and sanity are printed, never the bytes.
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/random.h>

int main(void) {
    unsigned char a[32], b[32];
    ssize_t n = getrandom(a, sizeof a, 0);
    ssize_t m = getrandom(b, sizeof b, GRND_NONBLOCK);
    printf("getrandom=%zd nonblock=%zd differ=%d\n", n, m, memcmp(a, b, sizeof a) != 0);
    static unsigned char big[1 << 16];
    size_t got = 0;
    while (got < sizeof big) {
        ssize_t k = getrandom(big + got, sizeof big - got, 0);
        if (k <= 0) break;
        got += (size_t)k;
    }
    unsigned long ones = 0;
    for (size_t i = 0; i < sizeof big; i++) ones += (unsigned long)__builtin_popcount(big[i]);
    printf("64KiB got=%zu bit balance plausible=%d\n", got, ones > 250000 && ones < 274288);
    printf("getentropy=%d\n", getentropy(a, 32));
    printf("getentropy 257 fails=%d\n", getentropy(big, 257) == -1);
    int fd = open("/dev/urandom", O_RDONLY);
    printf("urandom read=%zd\n", read(fd, a, sizeof a));
    close(fd);
    printf("zero-length getrandom=%zd\n", getrandom(a, 0, 0));
    return 0;
}
