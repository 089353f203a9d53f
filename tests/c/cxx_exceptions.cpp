// C++ exceptions: thrown through ~10000 frames and through a C callback (qsort), from constructors (built members destroyed in reverse), function-try-blocks, rethrow, catch by base/reference, nested_exception, exception_ptr, std::function/lambdas, unwinding order.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <functional>
#include <stdexcept>
#include <string>
#include <typeinfo>
#include <vector>

static std::string trace;   // what destructors and handlers did, in order
static void note(const char *s) { trace += s; trace += ' '; }
static void show(const char *label) { printf("%s: %s\n", label, trace.c_str()); trace.clear(); }

// ---- 1. deep recursion: every frame holds an object with a destructor
static int live_guards, destroyed_guards;
struct Guard {
    int depth;
    explicit Guard(int d) : depth(d) { live_guards++; }
    ~Guard() { live_guards--; destroyed_guards++; }
};
struct DeepError { int depth; };
static int __attribute__((noinline)) recurse(int depth, int limit) {
    Guard g(depth);
    if (depth == limit) throw DeepError{depth};
    return recurse(depth + 1, limit) + 1;   // not a tail call
}

// ---- 2. through a C callback: qsort's comparator throws
struct CompareError { int a, b; };
static int cmp_throwing(const void *pa, const void *pb) {
    int a = *(const int *)pa, b = *(const int *)pb;
    if (a == 13 || b == 13) throw CompareError{a, b};
    return (a > b) - (a < b);
}
static int cmp_plain(const void *pa, const void *pb) {
    int a = *(const int *)pa, b = *(const int *)pb;
    return (a > b) - (a < b);
}

// ---- 3. constructors: members and bases already built are destroyed in reverse
struct Part {
    const char *name;
    explicit Part(const char *n, bool fail = false) : name(n) {
        if (fail) { trace += "throw-in-"; note(n); throw std::runtime_error(n); }
        trace += "+"; trace += n; trace += ' ';
    }
    ~Part() { trace += "-"; trace += name; trace += ' '; }
};
struct Base1 : Part { Base1() : Part("base1") {} };
struct Whole : Base1 {
    Part a{"a"}, b{"b"}, c{"c", true}, d{"d"};
    Whole() { note("body-never-runs"); }
    ~Whole() { note("~Whole-never-runs"); }
};
struct ArrayElem {
    int i;
    static int made;
    ArrayElem() : i(made) {
        if (made == 3) { note("elem3-throws"); throw 3; }
        made++;
        trace += "+e" + std::to_string(i) + " ";
    }
    ~ArrayElem() { trace += "-e" + std::to_string(i) + " "; }
};
int ArrayElem::made = 0;

// ---- 4. function-try-block on a constructor: rethrows implicitly
struct Wrapped {
    Part p;
    Wrapped() try : p("inner", true) {
        note("body");
    } catch (const std::runtime_error &) {
        note("ctor-handler");
        // falls off the end: the exception is rethrown
    }
};
static int ftb_function(int x) try {
    if (x > 0) throw std::out_of_range("x");
    return 0;
} catch (const std::logic_error &) {
    note("function-handler");
    return 77;
}

// ---- 5. hierarchy
struct AppError : std::runtime_error {
    int code;
    AppError(const char *m, int c) : std::runtime_error(m), code(c) {}
};
struct DbError : AppError {
    DbError(int c) : AppError("db", c) {}
};

// ---- 6. nested exceptions
static void open_config() { throw AppError("config missing", 2); }
static void load() {
    try { open_config(); }
    catch (...) { std::throw_with_nested(std::runtime_error("load failed")); }
}
static void start() {
    try { load(); }
    catch (...) { std::throw_with_nested(AppError("start failed", 9)); }
}
static void print_nested(const std::exception &e, int level) {
    printf("  level %d: %s\n", level, e.what());   // our own messages only
    try { std::rethrow_if_nested(e); }
    catch (const std::exception &inner) { print_nested(inner, level + 1); }
}

// ---- 8. unwinding order
struct Named {
    const char *n;
    explicit Named(const char *s) : n(s) { trace += "+"; trace += n; trace += ' '; }
    ~Named() { trace += "-"; trace += n; trace += ' '; }
};
static void level3() { Named x("l3"); throw 3; }
static void level2() { Named x("l2a"); { Named y("l2-block"); } Named z("l2b"); level3(); }
static void level1() {
    Named x("l1");
    try { level2(); }
    catch (int v) { trace += "caught" + std::to_string(v) + " "; throw; }
}

// a destructor may throw and catch internally while unwinding (no terminate)
struct CatchesInDtor {
    ~CatchesInDtor() {
        try { throw std::string("inside-dtor"); }
        catch (const std::string &s) { note(s.c_str()); }
        note(std::uncaught_exceptions() == 1 ? "uncaught=1" : "uncaught!=1");
    }
};

int main() {
    // 1
    for (int limit : {10, 10000}) {
        destroyed_guards = 0;
        try { recurse(0, limit); printf("deep: no throw?\n"); }
        catch (const DeepError &e) {
            printf("deep %d: caught at depth %d, live guards %d, destroyed %d\n", limit, e.depth, live_guards,
                   destroyed_guards);
        }
    }

    // 2
    {
        int v[20];
        for (int i = 0; i < 20; i++) v[i] = (i * 7) % 20;
        try { qsort(v, 20, sizeof v[0], cmp_throwing); printf("qsort: no throw?\n"); }
        catch (const CompareError &e) { printf("qsort comparator threw, involving 13: %d\n", e.a == 13 || e.b == 13); }
        qsort(v, 20, sizeof v[0], cmp_plain);   // still a permutation of 0..19
        int ok = 1;
        for (int i = 0; i < 20; i++) ok &= v[i] == i;
        printf("qsort after the throw: sorted permutation %d\n", ok);
    }

    // 3
    try { Whole w; printf("Whole built?\n"); }
    catch (const std::runtime_error &e) { note("caught"); note(e.what()); }
    show("ctor members");
    try { ArrayElem *arr = new ArrayElem[6]; delete[] arr; }
    catch (int i) { trace += "caught" + std::to_string(i); }
    show("new[] elements");
    try { ArrayElem::made = 0; ArrayElem arr[5]; (void)arr; }
    catch (int i) { trace += "caught" + std::to_string(i); }
    show("array elements");

    // 4
    try { Wrapped w; }
    catch (const std::runtime_error &e) { note("outer-caught"); }
    show("function-try-block ctor");
    int r = ftb_function(1);
    trace += "returned " + std::to_string(r);
    show("function-try-block fn");

    // 5
    try { throw DbError(5); }
    catch (const std::logic_error &) { printf("wrong handler\n"); }
    catch (AppError &e) { printf("by base ref: code %d, dynamic type DbError %d, what %s\n", e.code,
                                typeid(e) == typeid(DbError), e.what()); e.code = 6;
        try { throw; } catch (const DbError &again) { printf("rethrown same object: code %d\n", again.code); } }
    try {
        try { throw DbError(7); }
        catch (AppError e) { e.code = 99; throw; }   // by value: a copy; throw; rethrows the original
    } catch (const DbError &e) { printf("rethrow after catch by value: code %d\n", e.code); }
    try {
        try { throw DbError(8); }
        catch (AppError &e) { throw e; }   // slices: new object of static type AppError
    } catch (const DbError &) { printf("slicing: still DbError?\n");
    } catch (const AppError &e) { printf("throw e slices to AppError: code %d\n", e.code); }
    try { throw std::string("str"); }
    catch (const char *) { printf("wrong: const char*\n"); }
    catch (const std::string &s) { printf("std::string: %s\n", s.c_str()); }
    try { throw "literal"; }
    catch (const char *s) { printf("const char*: %s\n", s); }
    try { throw 2.5; }
    catch (int) { printf("wrong: int\n"); }
    catch (double d) { printf("double: %.1f\n", d); }
    static DbError static_err(1);
    try { throw &static_err; }   // pointer to derived caught as pointer to base
    catch (AppError *p) { printf("pointer to base: code %d\n", p->code); }
    catch (...) { printf("wrong: ...\n"); }

    // 6
    try { start(); }
    catch (const std::exception &e) { printf("nested chain:\n"); print_nested(e, 0); }

    // 7: exception_ptr
    std::exception_ptr ep;
    printf("empty exception_ptr is null: %d\n", ep == nullptr);
    try { throw DbError(42); }
    catch (...) { ep = std::current_exception(); }
    printf("captured: %d\n", ep != nullptr);
    for (int round = 0; round < 2; round++) {
        try { std::rethrow_exception(ep); }
        catch (const AppError &e) { printf("rethrow_exception round %d: code %d\n", round, e.code); }
    }
    std::exception_ptr made = std::make_exception_ptr(std::out_of_range("made"));
    try { std::rethrow_exception(made); }
    catch (const std::out_of_range &e) { printf("make_exception_ptr: out_of_range %s\n", e.what()); }
    printf("no exception in flight: current_exception null %d\n", std::current_exception() == nullptr);

    // std::function and lambdas
    std::function<int(int)> f = [](int x) -> int {
        if (x < 0) throw std::invalid_argument("negative");
        return x * 2;
    };
    std::vector<std::function<void()>> steps;
    int done = 0;
    for (int i = 0; i < 5; i++)
        steps.push_back([i, &done] { if (i == 3) throw AppError("step", i); done++; });
    try { for (auto &s : steps) s(); }
    catch (const AppError &e) { printf("std::function chain stopped at step %d after %d\n", e.code, done); }
    try { printf("f(4) = %d\n", f(4)); f(-1); }
    catch (const std::invalid_argument &e) { printf("lambda threw invalid_argument: %s\n", e.what()); }
    try { std::function<void()> empty; empty(); }
    catch (const std::bad_function_call &) { printf("empty std::function: bad_function_call\n"); }
    auto nested_lambda = [&] { return [&](int x) { return f(x); }(-5); };
    try { nested_lambda(); }
    catch (const std::logic_error &) { printf("through nested lambdas: logic_error\n"); }

    // 8
    try { level1(); }
    catch (int v) { trace += "outer" + std::to_string(v); }
    show("unwinding order");
    try { CatchesInDtor c; throw 1; }
    catch (int) { note("outer"); }
    show("catch inside a destructor during unwinding");

    // many throws in a loop (the runtime must not leak or slow down)
    long sum = 0;
    for (int i = 0; i < 20000; i++) {
        try { if (i % 3) throw i; else throw AppError("loop", i); }
        catch (int v) { sum += v; }
        catch (const AppError &e) { sum -= e.code; }
    }
    printf("loop of throws: sum %ld, uncaught now %d\n", sum, std::uncaught_exceptions());
    return 5;
}
