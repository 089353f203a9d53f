// The cost of a C++ exception: throw + catch through DEPTH frames, timed
// over N throws, in ns per throw (and a plain call chain for comparison).
//   exceptions [N [DEPTH]]
// Built with g++ -O2 natively and wali-c++ -O2 for WALI (docs/toolchain.md).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

static volatile int sink;

__attribute__((noinline)) static int down(int depth, bool raise) {
    if (depth == 0) {
        if (raise) throw std::runtime_error("x");
        return sink;
    }
    return down(depth - 1, raise) + 1;
}

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 200000;
    int depth = argc > 2 ? atoi(argv[2]) : 10;
    using clock = std::chrono::steady_clock;
    auto t0 = clock::now();
    long caught = 0;
    for (long i = 0; i < n; i++) {
        try { down(depth, true); } catch (const std::exception &) { caught++; }
    }
    auto t1 = clock::now();
    for (long i = 0; i < n; i++) sink = down(depth, false);
    auto t2 = clock::now();
    auto ns = [&](auto a, auto b) { return std::chrono::duration<double, std::nano>(b - a).count() / n; };
    std::printf("throw+catch through %d frames: %.0f ns; the same calls without throwing: %.1f ns (%ld caught)\n",
                depth, ns(t0, t1), ns(t1, t2), caught);
}
