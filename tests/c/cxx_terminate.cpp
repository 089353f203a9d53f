// std::terminate: an exception leaving a noexcept function (and a throwing destructor, in a forked child) calls the terminate handler, then abort -> status 134.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

struct AppError { int code; };

static void handler() {
    // Whether the handler sees the exception (std::current_exception) is checked by
    // cxx_terminate_current: with Wasm EH, clang's noexcept boundary calls std::terminate
    // without marking the exception handled.
    printf("terminate handler called\n");
    fflush(stdout);
    abort();
}

static int __attribute__((noinline)) thrower(int code) {
    if (code > 0) throw AppError{code};
    return code;
}
static int __attribute__((noinline)) promised(int code) noexcept {
    return thrower(code) + 1;   // the exception cannot leave: std::terminate
}

struct ThrowsInDtor {
    int code;
    ~ThrowsInDtor() noexcept(false) { throw AppError{code}; }
};
struct Holder {
    ThrowsInDtor t{0};
    ~Holder() { t.code = 7; }   // implicitly noexcept: its member's throw terminates
};

static void child_status(const char *what, pid_t pid) {
    int st = 0;
    waitpid(pid, &st, 0);
    if (WIFSIGNALED(st)) printf("%s: child killed by signal %d\n", what, WTERMSIG(st));
    else printf("%s: child exited %d\n", what, WEXITSTATUS(st));
}

int main() {
    std::terminate_handler old = std::set_terminate(handler);
    printf("previous handler set: %d, get_terminate is ours: %d\n", old != nullptr, std::get_terminate() == handler);

    // a noexcept function that does not throw is fine
    printf("promised(0) = %d\n", promised(0));

    // a throwing destructor, destroyed by an implicitly noexcept one, in a child
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        { Holder h; }
        printf("child: survived?\n");
        fflush(stdout);
        _exit(0);
    }
    child_status("throw from a noexcept destructor", pid);

    // a destructor declared noexcept(false) may throw, when not unwinding
    try { ThrowsInDtor t{3}; }
    catch (const AppError &e) { printf("noexcept(false) destructor threw AppError %d\n", e.code); }

    printf("calling promised(5)\n");
    fflush(stdout);
    int r = promised(5);
    printf("not reached: %d\n", r);
    return 0;
}
