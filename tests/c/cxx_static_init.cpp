// Static storage: constructors in definition order within a TU and destructors in reverse, interleaved with atexit handlers (registered in between), function-local statics (lazy, once, destroyed in reverse of construction), a function-local static built by racing threads, plain thread_local values. (thread_local objects with destructors: cxx_thread_local.)
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

// Everything is printed with stdio: exit flushes stdout after the destructors and handlers ran.
static int seq;
static void say(const char *what, const char *name) { printf("%2d %s %s\n", ++seq, what, name); }

struct Tracer {
    const char *name;
    explicit Tracer(const char *n) : name(n) { say("construct", name); }
    ~Tracer() { say("destroy", name); }
};

static void at_exit_1() { say("atexit", "handler-1 (registered after global-B was built)"); }
static void at_exit_2() { say("atexit", "handler-2 (registered in main)"); }
static void at_exit_3() { say("atexit", "handler-3 (registered after local static L2 was built)"); }

Tracer global_a("global-A");
Tracer global_b("global-B");
static int reg1 = (atexit(at_exit_1), 1);
static Tracer global_c("global-C");
// dynamic initialisation that depends on an earlier variable in the same TU
static std::string derived = std::string(global_a.name) + "+" + global_c.name;
static int constant_init = 42;   // constant-initialised: no constructor runs

static Tracer &local_static(int which) {
    if (which == 1) { static Tracer l1("local-static-L1"); return l1; }
    static Tracer l2("local-static-L2");
    return l2;
}
static int counter_calls;
static int &counter() {
    static int c = (counter_calls++, 100);
    return c;
}

static thread_local int tls_plain = 5;
static thread_local std::string *tls_ptr = nullptr;   // trivially destructible

static int racy_inits;
struct Racy {
    int v;
    Racy() : v(++racy_inits) {}
};
static int racy_value() {
    static Racy r;   // built once even if threads race to it
    return r.v;
}

int main() {
    say("main starts; derived =", derived.c_str());
    printf("constant_init %d, reg1 %d\n", constant_init, reg1);
    atexit(at_exit_2);
    printf("local statics not built yet\n");
    local_static(2);
    atexit(at_exit_3);
    local_static(1);
    local_static(2);
    local_static(1);
    for (int i = 0; i < 5; i++) counter()++;
    printf("counter %d, initialiser ran %d time(s)\n", counter(), counter_calls);

    // plain thread_local values: each thread has its own copy, initialised
    std::thread t([] {
        tls_plain += 10;
        static std::string in_thread = "thread";
        tls_ptr = &in_thread;
        say("thread sees tls_plain", std::to_string(tls_plain).c_str());
    });
    t.join();
    say("joined; main's tls_plain", std::to_string(tls_plain).c_str());
    printf("main's tls_ptr still null: %d\n", tls_ptr == nullptr);

    std::thread racers[4];
    int got[4];
    for (int i = 0; i < 4; i++) racers[i] = std::thread([i, &got] { got[i] = racy_value(); });
    for (auto &r : racers) r.join();
    printf("racing local static: built %d time(s), all saw %d %d %d %d\n", racy_inits, got[0], got[1], got[2], got[3]);
    say("main returns", "");
    return 9;
}
