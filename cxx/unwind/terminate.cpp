// The terminate handler sees the exception that left a noexcept function,
// as natively. Natively clang ends such a function in __clang_call_terminate,
// which marks the exception caught (__cxa_begin_catch) before calling
// std::terminate, so the handler, and libc++abi's message, name it. Clang's
// Wasm exception handling calls std::terminate straight from a catch-all,
// which has no access to the exception (upstream's choice, see
// WebAssemblyCXXABI::emitTerminateForUnexpectedException).
//
// wali-c++ links C++ programs with --wrap for the three functions below, so
// the exception thrown on a thread and not caught yet is remembered, and
// std::terminate marks it caught before it runs the handler. (A separate
// object from uncaught.cpp: only a link with the --wrap options refers to it.)
struct _Unwind_Exception;

extern "C" {
int __real__Unwind_RaiseException(_Unwind_Exception *);
void *__real___cxa_begin_catch(void *) noexcept;
[[noreturn]] void __real__ZSt9terminatev() noexcept;

// The exception this thread has thrown and not caught yet.
static thread_local _Unwind_Exception *in_flight;

int __wrap__Unwind_RaiseException(_Unwind_Exception *exception) {
    in_flight = exception;
    return __real__Unwind_RaiseException(exception);
}

void *__wrap___cxa_begin_catch(void *exception) noexcept {
    in_flight = nullptr;
    return __real___cxa_begin_catch(exception);
}

[[noreturn]] void __wrap__ZSt9terminatev() noexcept {
    if (_Unwind_Exception *exception = in_flight) {
        in_flight = nullptr;
        __real___cxa_begin_catch(exception);
    }
    __real__ZSt9terminatev();
}
}
