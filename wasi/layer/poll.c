/* poll_oneoff as Wasmtime's p1 adapter: clock subscriptions (realtime or
 * monotonic, relative or absolute), reads on stdin or files, writes on
 * stdout/stderr or files. Files are always ready; stdin/stdout wait in
 * SYS_ppoll together with the earliest clock deadline. Events are written for
 * the ready subscriptions, in subscription order. */
#include "layer.h"

#define MAX_POLL 1024
#define POLLIN 1
#define POLLOUT 4

static struct { int fd; short events, revents; } pfd[MAX_POLL];

/* deadline on the monotonic clock of clock subscription s */
static int deadline(const u8 *s, u64 mono0, u64 real0, u64 *out) {
    u32 id = get32(s + 16);
    u64 timeout = get64(s + 24);
    u32 flags = s[40] | (s[41] << 8);
    if (flags > 1) return E_INVAL;
    if (id == 1) {
        *out = (flags & 1) ? timeout : mono0 + timeout;
    } else if (id == 0) {
        u64 rel = (flags & 1) ? (timeout > real0 ? timeout - real0 : 0) : timeout;
        *out = mono0 + rel;
    } else {
        return E_INVAL;
    }
    if (*out < mono0 && !(flags & 1 && id == 1)) *out = ~0ull;   /* overflow: never */
    return 0;
}

EXPORT(poll_oneoff) int wasi_poll_oneoff(const u8 *subs, u8 *events, u32 nsubs, u32 *nevents) {
    if (nsubs == 0) return E_INVAL;   /* Wasmtime: no indefinite sleep */
    u64 mono0, real0;
    int e = clock_now(1, &mono0);
    if (!e) e = clock_now(0, &real0);
    if (e) return e;

    u32 np = 0;
    int files = 0, clocks = 0;
    for (u32 i = 0; i < nsubs; i++) {
        const u8 *s = subs + 48 * i;
        u8 tag = s[8];
        if (tag == 0) {
            u64 dl;
            e = deadline(s, mono0, real0, &dl);
            if (e) return e;
            clocks = 1;
            continue;
        }
        if (tag > 2) return E_INVAL;
        struct wfd *d = fd_get(get32(s + 16));
        if (d && d->kind == K_FILE) { files = 1; continue; }
        if (!d || (tag == 1 && d->kind != K_STDIN) || (tag == 2 && d->kind != K_STDOUT && d->kind != K_STDERR))
            return E_BADF;
        if (np == MAX_POLL) return E_NOMEM;
        pfd[np].fd = d->host;
        pfd[np].events = tag == 1 ? POLLIN : POLLOUT;
        pfd[np].revents = 0;
        np++;
    }

    u32 count;
    for (;;) {
        u64 now;
        e = clock_now(1, &now);
        if (e) return e;
        i64 ts[2], *tmo = NULL;
        if (files) {
            ts[0] = ts[1] = 0;
            tmo = ts;
        } else if (clocks) {
            u64 min = ~0ull;
            for (u32 i = 0; i < nsubs; i++) {
                const u8 *s = subs + 48 * i;
                u64 dl;
                if (s[8] == 0 && deadline(s, mono0, real0, &dl) == 0 && dl < min) min = dl;
            }
            if (min != ~0ull) {
                u64 rel = min > now ? min - now : 0;
                ts[0] = rel / 1000000000ull;
                ts[1] = rel % 1000000000ull;
                tmo = ts;
            }
        }
        i64 r = wali_ppoll(pfd, np, tmo, NULL, 8);
        if (r < 0 && r != -L_EINTR) return err_net(r);
        if (r < 0) for (u32 k = 0; k < np; k++) pfd[k].revents = 0;
        e = clock_now(1, &now);
        if (e) return e;

        count = 0;
        u32 p = 0;
        for (u32 i = 0; i < nsubs; i++) {
            const u8 *s = subs + 48 * i;
            u8 tag = s[8];
            u8 ev[32] = {0};
            memcpy(ev, s, 8);   /* userdata */
            ev[10] = tag;
            if (tag == 0) {
                u64 dl;
                deadline(s, mono0, real0, &dl);
                if (dl > now) continue;
            } else {
                struct wfd *d = fd_get(get32(s + 16));
                if (d->kind != K_FILE) {
                    if (!pfd[p++].revents) continue;
                } else if (tag == 1) {
                    /* HANGUP when the position is at or past the end */
                    i64 pos = wali_lseek(d->host, 0, 1);
                    u8 st[64];
                    if (pos >= 0 && stat_fill(d->host, "", L_AT_EMPTY_PATH, st) == 0 && get64(st + 32) <= (u64)pos)
                        put16(ev + 24, 1);
                }
                put64(ev + 16, 1);
            }
            memcpy(events + 32 * count++, ev, 32);
        }
        if (count) break;
    }
    *nevents = count;
    return 0;
}
