// wali-c++ end to end: iostreams, exceptions through many frames and through
// a C callback, std::thread with an exception_ptr carried across, containers.
// An argument makes it throw something nobody catches (std::terminate).
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

struct Boom { int depth; };
static int thrower(int n) { return n == 0 ? throw Boom{42} : thrower(n - 1) + 1; }
static int compare(const void *, const void *) { throw std::runtime_error("from qsort"); }

int main(int argc, char **) {
    if (argc > 1) throw std::runtime_error("nobody catches me");
    try { thrower(1000); } catch (const Boom &b) { std::cout << "caught Boom " << b.depth << "\n"; }
    try {
        int a[3] = {3, 1, 2};
        qsort(a, 3, sizeof a[0], compare);
    } catch (const std::exception &e) { std::cout << "caught " << e.what() << "\n"; }
    std::vector<std::string> v{"b", "a", "c"};
    std::sort(v.begin(), v.end());
    std::mutex m;
    int total = 0;
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; i++) threads.emplace_back([&, i] { std::lock_guard<std::mutex> g(m); total += i; });
    for (auto &t : threads) t.join();
    std::exception_ptr ep;
    std::thread([&] { try { throw std::logic_error("in a thread"); } catch (...) { ep = std::current_exception(); } }).join();
    try { std::rethrow_exception(ep); } catch (const std::logic_error &e) { std::cout << "rethrown " << e.what() << "\n"; }
    std::cout << v[0] << v[1] << v[2] << " " << total << "\nc++ ok" << std::endl;
    return 0;
}
