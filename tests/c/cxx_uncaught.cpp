// An exception nothing catches ends in std::terminate -> SIGABRT (status 134): from main's callees, and (in a forked child) from a std::thread. No output from destructors: Wasm runs them before terminate, native code does not.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <stdexcept>
#include <string>
#include <thread>
#include <sys/wait.h>
#include <unistd.h>

struct Fatal { int code; };
static int destructors_ran;   // counted, never printed
struct Frame { ~Frame() { destructors_ran++; } };

static void handler() {
    std::exception_ptr ep = std::current_exception();
    try {
        if (ep) std::rethrow_exception(ep);
        printf("terminate handler: no exception\n");
    } catch (const Fatal &f) {
        printf("terminate handler: Fatal %d\n", f.code);
    } catch (...) {
        printf("terminate handler: other\n");
    }
    fflush(stdout);
    abort();
}

static void __attribute__((noinline)) deep(int n, int code) {
    Frame f;
    if (n == 0) throw Fatal{code};
    deep(n - 1, code);
}

int main() {
    // caught: fine
    try { deep(5, 1); } catch (const Fatal &f) { printf("caught Fatal %d\n", f.code); }

    // a std::thread whose function throws: the whole process aborts (in a child)
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        std::thread t([] { deep(3, 2); });
        t.join();
        printf("child: joined?\n");
        fflush(stdout);
        _exit(0);
    }
    int st = 0;
    waitpid(pid, &st, 0);
    if (WIFSIGNALED(st)) printf("thread with an uncaught exception: child killed by signal %d\n", WTERMSIG(st));
    else printf("thread with an uncaught exception: child exited %d\n", WEXITSTATUS(st));

    // without our handler, in a child: the default terminate aborts too
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        deep(2, 4);
        _exit(0);
    }
    waitpid(pid, &st, 0);
    if (WIFSIGNALED(st)) printf("default handler: child killed by signal %d\n", WTERMSIG(st));
    else printf("default handler: child exited %d\n", WEXITSTATUS(st));

    std::set_terminate(handler);
    printf("throwing Fatal 3 from main, nothing catches it\n");
    fflush(stdout);
    deep(10, 3);
    printf("not reached\n");
    return 0;
}
