// A C++ exception nothing catches ends in std::terminate, as natively: the
// C library runs main and every thread's start function through
// __wali_call_guarded (libc/src/env/wasm32/__wali_call_guarded.c), and this
// definition replaces its weak one in every program that can throw (the
// tag's object, cpp_exception.s, refers to __wali_cxx_uncaught). libc++abi's
// terminate handler then names the exception, as a native build's does.
// (Unlike there, the frames between the throw and main have been unwound,
// destructors run, before it does: Wasm has no search phase.)
//
// Rust programs link libunwind.a without libc++abi (std's backtraces pull in
// the tag too): for them the libc++abi functions used here are weak, and an
// exception, which they never throw, would end in abort().
namespace std {
[[noreturn]] void terminate() noexcept __attribute__((weak));
}

extern "C" {
[[noreturn]] void abort(void);

__attribute__((weak)) void *__cxa_begin_catch(void *exception) noexcept { return exception; }

char __wali_cxx_uncaught;

void *__wali_call_guarded(void *(*f)(void *), void *arg) {
    try {
        return f(arg);
    } catch (...) {
        if (&std::terminate) std::terminate();
        abort();
    }
}
}
