// Stress: forks under load. A SIGCHLD handler (SA_RESTART) counts all along,
// so the parent's waits and reads are interrupted and must restart (no EINTR).
//   storm      N fork + exit + wait, at most 16 children alive; children write
//              their copy of a global array (the parent's must not change) and
//              end in different ways: _exit(code), exit(code), killed by
//              SIGTERM, killed by SIGKILL: each status must be exactly right
//   pipe       children (16 alive at most) each write 8 records of 512 bytes
//              (atomic: <= PIPE_BUF) to one shared pipe while a reader thread
//              of the parent checks every record (sender, sequence, checksum):
//              each exactly once
//   threads    4 threads fork concurrently; each child formats a message with
//              malloc'd memory and writes it to its thread's pipe, its exit
//              status encodes thread and round; each thread checks message and
//              status of its own children (waitpid on the pid)
//   exec       fork + execve of /bin/true and /bin/false: statuses 0 and 1
// At the end no child may be left (waitpid(-1) fails with ECHILD).
//
// Usage: fork_load [SCALE]   (prints one line of figures; exit 0 = all checks held)
#include "common.h"
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <sys/wait.h>

static atomic_long n_chld;
static atomic_long wait_eintr, read_eintr;
static void on_chld(int s) { (void)s; atomic_fetch_add(&n_chld, 1); }

static unsigned char shared_page[4096];

// Waits for a given child (or any: pid -1), counting EINTR (which SA_RESTART forbids).
static pid_t wait_child(pid_t pid, int *status) {
    for (;;) {
        pid_t r = waitpid(pid, status, 0);
        if (r >= 0 || errno != EINTR) return r;
        wait_eintr++;
    }
}

// ---------------------------------------------------------------- storm
static int storm_expect(long i, int *sig) {
    *sig = 0;
    switch (i % 6) {
    case 4: *sig = SIGTERM; return 0;
    case 5: *sig = SIGKILL; return 0;
    default: return (int)((i * 7 + 3) & 0xff);
    }
}

static void storm_child(long i) {
    // Dirty our copy of the page: the parent's must stay as it is.
    memset(shared_page, (int)(i & 0xff), sizeof shared_page);
    int sig, code = storm_expect(i, &sig);
    if (sig) {
        kill(getpid(), sig);
        _exit(99); // not reached
    }
    if (i % 6 == 1) exit(code);
    _exit(code);
}

// ---------------------------------------------------------------- pipe records
#define RECS 8
struct prec { uint32_t child, seq, pid, pad; uint64_t data[61]; uint64_t sum; };
_Static_assert(sizeof(struct prec) == 512, "record size");
static int recpipe[2];
static long pipe_children;
static unsigned char *rec_seen; // pipe_children * RECS
static long rec_bad, rec_dup;

static void fill_prec(struct prec *r, uint32_t child, uint32_t seq, uint32_t pid) {
    memset(r, 0, sizeof *r);
    r->child = child;
    r->seq = seq;
    r->pid = pid;
    uint64_t x = (uint64_t)child << 32 | seq;
    for (int i = 0; i < 61; i++) r->data[i] = x = mix64(x);
    r->sum = fnv(FNV_INIT, r, offsetof(struct prec, sum));
}

static void *rec_reader(void *arg) {
    (void)arg;
    long want = pipe_children * RECS, eintr = 0;
    for (long got = 0; got < want; got++) {
        struct prec r, w;
        ssize_t n = read_full(recpipe[0], &r, sizeof r, &eintr);
        if (n != (ssize_t)sizeof r) { fail("record pipe: short read %ld", (long)n); break; }
        if (r.child >= pipe_children || r.seq >= RECS) { rec_bad++; continue; }
        fill_prec(&w, r.child, r.seq, r.pid);
        if (memcmp(&r, &w, sizeof r) != 0) rec_bad++;
        if (rec_seen[r.child * RECS + r.seq]++) rec_dup++;
    }
    atomic_fetch_add(&read_eintr, eintr);
    return NULL;
}

// ---------------------------------------------------------------- forks from threads
#define NT 4
static long per_thread;
struct tres { long ok, bad; };

static void *forker(void *arg) {
    long t = (long)arg;
    struct tres *res = calloc(1, sizeof *res);
    int p[2];
    if (pipe(p) != 0) die("pipe (forker)");
    for (long i = 0; i < per_thread; i++) {
        pid_t pid = fork();
        if (pid < 0) die("fork (thread)");
        if (pid == 0) {
            close(p[0]);
            char *msg = malloc(64);
            int n = snprintf(msg, 64, "thread %ld round %ld pid %d\n", t, i, (int)getpid());
            if (write(p[1], msg, (size_t)n) != n) _exit(200);
            free(msg);
            _exit((int)((t * 61 + i) & 0xff));
        }
        char buf[64], want[64];
        int wn = snprintf(want, sizeof want, "thread %ld round %ld pid %d\n", t, i, (int)pid);
        ssize_t n = 0;
        // the message is one write of < PIPE_BUF bytes: one read gets it whole
        do {
            n = read(p[0], buf, sizeof buf);
        } while (n < 0 && errno == EINTR && atomic_fetch_add(&read_eintr, 1) >= 0);
        int status;
        pid_t w = wait_child(pid, &status);
        if (w != pid || n != wn || memcmp(buf, want, (size_t)wn) != 0 || !WIFEXITED(status) ||
            WEXITSTATUS(status) != (int)((t * 61 + i) & 0xff)) {
            if (res->bad++ < 3)
                fail("thread %ld round %ld: wait %d (pid %d) status 0x%x, message %ld bytes", t, i, (int)w, (int)pid,
                     status, (long)n);
        } else {
            res->ok++;
        }
    }
    close(p[0]);
    close(p[1]);
    return res;
}

int main(int argc, char **argv) {
    double scale = stress_scale(argc, argv);
    long n_storm = scaled(scale, 500);
    pipe_children = scaled(scale, 300);
    per_thread = scaled(scale, 100);
    long n_exec = scaled(scale, 40);
    double t0 = now_s(), t;
    long forks = 0;

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_chld;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGCHLD, &sa, NULL);
    for (int i = 0; i < (int)sizeof shared_page; i++) shared_page[i] = (unsigned char)(i * 13);
    fflush(stdout);

    // ---- storm
    t = now_s();
    pid_t *pids = calloc((size_t)n_storm, sizeof *pids);
    long alive = 0, storm_bad = 0, reaped = 0;
    for (long i = 0; i < n_storm || alive > 0;) {
        if (i < n_storm && alive < 16) {
            pid_t pid = fork();
            if (pid < 0) die("fork");
            if (pid == 0) storm_child(i);
            pids[i++] = pid;
            alive++;
            forks++;
            continue;
        }
        int status;
        pid_t pid = wait_child(-1, &status);
        if (pid < 0) die("waitpid");
        alive--;
        reaped++;
        long k = -1;
        for (long j = 0; j < i; j++)
            if (pids[j] == pid) { k = j; break; }
        if (k < 0) { storm_bad++; fail("storm: unknown child %d", (int)pid); continue; }
        pids[k] = 0;
        int sig, code = storm_expect(k, &sig);
        int ok = sig ? WIFSIGNALED(status) && WTERMSIG(status) == sig : WIFEXITED(status) && WEXITSTATUS(status) == code;
        if (!ok && storm_bad++ < 5) fail("storm child %ld: status 0x%x, want %s %d", k, status, sig ? "signal" : "exit", sig ? sig : code);
    }
    double t_storm = now_s() - t;
    for (int i = 0; i < (int)sizeof shared_page; i++)
        if (shared_page[i] != (unsigned char)(i * 13)) { fail("storm: a child's write reached the parent's memory"); break; }
    if (reaped != n_storm) fail("storm: reaped %ld of %ld", reaped, n_storm);

    // ---- pipe records
    t = now_s();
    if (pipe(recpipe) != 0) die("pipe");
    rec_seen = calloc((size_t)(pipe_children * RECS), 1);
    pthread_t rd;
    if (pthread_create(&rd, NULL, rec_reader, NULL) != 0) die("pthread_create");
    alive = 0;
    long pipe_status_bad = 0;
    for (long i = 0; i < pipe_children || alive > 0;) {
        if (i < pipe_children && alive < 16) {
            pid_t pid = fork();
            if (pid < 0) die("fork");
            if (pid == 0) {
                for (uint32_t s = 0; s < RECS; s++) {
                    struct prec r;
                    fill_prec(&r, (uint32_t)i, s, (uint32_t)getpid());
                    if (write(recpipe[1], &r, sizeof r) != (ssize_t)sizeof r) _exit(1);
                }
                _exit(0);
            }
            i++;
            alive++;
            forks++;
            continue;
        }
        int status;
        if (wait_child(-1, &status) < 0) die("waitpid (pipe)");
        alive--;
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) pipe_status_bad++;
    }
    pthread_join(rd, NULL);
    double t_pipe = now_s() - t;
    long missing = 0;
    for (long k = 0; k < pipe_children * RECS; k++) missing += rec_seen[k] == 0;
    if (rec_bad || rec_dup || missing || pipe_status_bad)
        fail("pipe: %ld bad records, %ld duplicated, %ld missing, %ld children failed", rec_bad, rec_dup, missing,
             pipe_status_bad);
    close(recpipe[0]);
    close(recpipe[1]);

    // ---- forks from threads
    t = now_s();
    pthread_t ft[NT];
    for (long i = 0; i < NT; i++)
        if (pthread_create(&ft[i], NULL, forker, (void *)i) != 0) die("pthread_create (forker)");
    long thr_ok = 0, thr_bad = 0;
    for (int i = 0; i < NT; i++) {
        struct tres *r;
        pthread_join(ft[i], (void **)&r);
        thr_ok += r->ok;
        thr_bad += r->bad;
        free(r);
    }
    forks += NT * per_thread;
    double t_threads = now_s() - t;
    if (thr_ok != NT * per_thread) fail("forks from threads: %ld of %ld right", thr_ok, NT * per_thread);

    // ---- fork + exec
    t = now_s();
    long exec_ok = 0, exec_run = 0;
    if (access("/bin/true", X_OK) == 0 && access("/bin/false", X_OK) == 0) {
        for (long i = 0; i < n_exec; i++) {
            const char *prog = i % 2 ? "/bin/false" : "/bin/true";
            pid_t pid = fork();
            if (pid < 0) die("fork (exec)");
            if (pid == 0) {
                char *av[] = {(char *)prog, NULL};
                char *ev[] = {NULL};
                execve(prog, av, ev);
                _exit(127);
            }
            forks++;
            exec_run++;
            int status;
            if (wait_child(pid, &status) == pid && WIFEXITED(status) && WEXITSTATUS(status) == (int)(i % 2)) exec_ok++;
        }
        if (exec_ok != exec_run) fail("fork+exec: %ld of %ld statuses right", exec_ok, exec_run);
    }
    double t_exec = now_s() - t;

    int status;
    errno = 0;
    if (waitpid(-1, &status, WNOHANG) != -1 || errno != ECHILD) fail("a child is left over after every wait");
    long chld = atomic_load(&n_chld);
    if (chld < 1 || chld > forks) fail("SIGCHLD: %ld handled for %ld children", chld, forks);
    if (wait_eintr || read_eintr) fail("EINTR under an SA_RESTART handler: waitpid %ld, read %ld", (long)wait_eintr, (long)read_eintr);

    printf("forks=%ld storm=%ld (%.0f/s) pipe=%ld children x %d records (%.0f forks/s) threads=%dx%ld (%.0f forks/s) "
           "exec=%ld/%ld sigchld=%ld total=%.2fs\n",
           forks, n_storm, n_storm / t_storm, pipe_children, RECS, pipe_children / t_pipe, NT, per_thread,
           NT * per_thread / t_threads, exec_ok, exec_run, chld, now_s() - t0);
    (void)t_exec;
    return atomic_load(&stress_failures) ? 1 : 0;
}
