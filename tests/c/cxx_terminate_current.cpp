// The terminate handler sees the exception that caused std::terminate ([except.handle]: an implicit handler is active): an exception leaving a noexcept function. Status 134.
#include <cstdio>
#include <cstdlib>
#include <exception>

struct AppError { int code; };

static void handler() {
    std::exception_ptr ep = std::current_exception();
    if (!ep) {
        printf("terminate handler: no current exception\n");
    } else {
        try { std::rethrow_exception(ep); }
        catch (const AppError &e) { printf("terminate handler: AppError code %d\n", e.code); }
        catch (...) { printf("terminate handler: other exception\n"); }
    }
    fflush(stdout);
    abort();
}

static int __attribute__((noinline)) thrower(int code) {
    if (code > 0) throw AppError{code};
    return code;
}
static int __attribute__((noinline)) promised(int code) noexcept { return thrower(code) + 1; }

int main() {
    std::set_terminate(handler);
    printf("promised(0) = %d\n", promised(0));
    printf("calling promised(5)\n");
    fflush(stdout);
    return promised(5);
}
