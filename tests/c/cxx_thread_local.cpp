// thread_local objects with destructors: built lazily per thread, destroyed when a std::thread ends (before join returns) in reverse order of construction, and in main at exit before static objects and atexit handlers.
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

static int seq;
static std::mutex mu;
static void say(const std::string &what) {
    std::lock_guard<std::mutex> g(mu);
    printf("%2d %s\n", ++seq, what.c_str());
}

struct Tracer {
    std::string name;
    explicit Tracer(std::string n) : name(std::move(n)) { say("construct " + name); }
    ~Tracer() { say("destroy " + name); }
};

static Tracer global("global");
static void handler() { say("atexit handler (registered first in main)"); }

static thread_local Tracer tls_first("tls-first");   // namespace scope: built on first odr-use in a thread
static Tracer &tls_local(const std::string &who) {
    thread_local Tracer t("tls-local-" + who);
    return t;
}
static thread_local int tls_counter = 0;

static int destroyed_in_workers;
struct Counted {
    int *where;
    ~Counted() { std::lock_guard<std::mutex> g(mu); destroyed_in_workers++; }
};

int main() {
    atexit(handler);
    std::thread t([] {
        tls_local("thread");          // built first
        tls_first.name += "(thread)"; // built second: destroyed first
        tls_counter += 5;
        say("thread: counter " + std::to_string(tls_counter));
    });
    t.join();
    say("joined");

    std::vector<std::thread> workers;
    for (int i = 0; i < 4; i++)
        workers.emplace_back([] {
            thread_local Counted c{nullptr};
            (void)c;
        });
    for (auto &w : workers) w.join();
    say("4 workers' thread_local destructors ran: " + std::to_string(destroyed_in_workers));

    say("main: counter " + std::to_string(tls_counter));
    tls_first.name += "(main)";
    tls_local("main");
    say("main returns");
    return 4;
}
