/* clock_res_get / clock_time_get. Like Wasmtime, only the realtime and
 * monotonic clocks exist; the CPU-time clocks give BADF. */
#include "layer.h"

static int check(u32 id) {
    if (id > 3) BAD_ARG();         /* not a witx clockid */
    if (id > 1) return E_BADF;    /* PROCESS/THREAD_CPUTIME_ID: Wasmtime has none */
    return 0;
}

/* WASI realtime/monotonic ids equal Linux CLOCK_REALTIME/CLOCK_MONOTONIC. */
int clock_now(u32 id, u64 *out) {
    i64 ts[2];
    i64 r = wali_clock_gettime(id, ts);
    if (r < 0) return err_net(r);
    *out = (u64)ts[0] * 1000000000ull + (u64)ts[1];
    return 0;
}

EXPORT(clock_res_get) int wasi_clock_res_get(u32 id, u64 *out) {
    int e = check(id);
    if (e) return e;
    i64 ts[2];
    i64 r = wali_clock_getres(id, ts);
    if (r < 0) return err_net(r);
    *out = (u64)ts[0] * 1000000000ull + (u64)ts[1];
    return 0;
}

EXPORT(clock_time_get) int wasi_clock_time_get(u32 id, u64 precision, u64 *out) {
    (void)precision;
    int e = check(id);
    if (e) return e;
    return clock_now(id, out);
}
