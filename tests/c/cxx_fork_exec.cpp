// fork while another thread throws and catches exceptions in a loop: the child (one thread) throws/catches itself, uses iostreams, then execs /bin/echo (a native binary); the parent reaps it, checks its own thread still unwinds correctly, and stops the thread cleanly.
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>
#include <sys/wait.h>
#include <unistd.h>

struct Ping { long n; };
static std::atomic<bool> stop{false};
static std::atomic<long> thrown{0}, caught{0};

static void __attribute__((noinline)) throw_ping(long n) {
    std::string pad(n % 50, 'p');   // a destructor to run during unwinding
    if (n >= 0) throw Ping{n};
}

static void spinner() {
    long n = 0;
    while (!stop.load()) {
        try {
            thrown++;
            throw_ping(n++);
        } catch (const Ping &p) {
            if (p.n == n - 1) caught++;
        }
    }
}

extern char **environ;

int main() {
    std::thread t(spinner);
    while (caught.load() < 1000) std::this_thread::yield();
    printf("thread is throwing: %d\n", caught.load() >= 1000);

    int statuses[3];
    for (int round = 0; round < 3; round++) {
        fflush(stdout);
        std::cout.flush();
        pid_t pid = fork();
        if (pid < 0) { perror("fork"); return 1; }
        if (pid == 0) {
            // child: only this thread exists; the exception runtime must work
            int ok = 0;
            for (int i = 0; i < 100; i++) {
                try { throw_ping(i); }
                catch (const Ping &p) { ok += p.n == i; }
            }
            try { throw std::runtime_error("child"); }
            catch (const std::exception &) { ok++; }
            std::cout << "child " << round << ": caught " << ok << " of 101" << std::endl;
            if (round == 2) _exit(ok == 101 ? 40 : 41);   // last round: no exec, an exit status
            char arg1[] = "child-exec";
            char arg0[] = "echo";
            std::string r = std::to_string(round);
            char *argv[] = {arg0, arg1, r.data(), nullptr};
            execve("/bin/echo", argv, environ);
            _exit(127);
        }
        int st = 0;
        if (waitpid(pid, &st, 0) != pid) { perror("waitpid"); return 1; }
        statuses[round] = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
        printf("parent: child %d exited with %d\n", round, statuses[round]);
    }

    // the parent's runtime is unaffected
    long before = caught.load();
    while (caught.load() < before + 1000) std::this_thread::yield();
    int ok = 0;
    for (int i = 0; i < 100; i++) {
        try { throw_ping(i); }
        catch (const Ping &p) { ok += p.n == i; }
    }
    stop = true;
    t.join();
    printf("parent: caught %d of 100; thread caught every throw: %d\n", ok, thrown.load() == caught.load());
    return statuses[0] + statuses[1] == 0 && statuses[2] == 40 ? 0 : 1;
}
