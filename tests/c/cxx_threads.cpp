// C++ threads: std::thread (args, move, hardware_concurrency > 0), mutex/lock_guard/unique_lock/scoped_lock, condition_variable producer/consumer, async/future/promise/packaged_task/shared_future, atomics, call_once (also throwing), thread_local values, exception_ptr and future exceptions carried to main. Output is aggregated: no scheduling order.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <exception>
#include <functional>
#include <future>
#include <mutex>
#include <numeric>
#include <shared_mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

struct WorkError { int id; };

static thread_local int tls_value = 7;

int main() {
    printf("hardware_concurrency > 0: %d\n", std::thread::hardware_concurrency() > 0);

    // std::thread with arguments, by reference and moved
    {
        std::vector<long> partial(4);
        std::vector<std::thread> ts;
        for (int i = 0; i < 4; i++)
            ts.emplace_back([](int id, long &out) {
                long s = 0;
                for (int k = id * 1000; k < (id + 1) * 1000; k++) s += k;
                out = s;
            }, i, std::ref(partial[i]));
        std::thread moved = std::move(ts[0]);
        printf("moved-from thread joinable %d, moved-to %d\n", ts[0].joinable(), moved.joinable());
        moved.join();
        for (size_t i = 1; i < ts.size(); i++) ts[i].join();
        printf("partial sums: %ld %ld %ld %ld total %ld\n", partial[0], partial[1], partial[2], partial[3],
               std::accumulate(partial.begin(), partial.end(), 0L));
        std::thread::id main_id = std::this_thread::get_id();
        std::thread::id other;
        std::thread t([&] { other = std::this_thread::get_id(); });
        t.join();
        printf("thread ids differ %d, joined thread id is default %d\n", main_id != other, t.get_id() == std::thread::id());
    }

    // mutex-protected counter, atomics
    {
        std::mutex m;
        long plain = 0;
        std::atomic<long> atomic_count{0};
        std::atomic<int> max_seen{0};
        std::atomic_flag flag = ATOMIC_FLAG_INIT;
        int flag_wins = 0;
        std::vector<std::thread> ts;
        for (int i = 0; i < 4; i++)
            ts.emplace_back([&, i] {
                for (int k = 0; k < 20000; k++) {
                    { std::lock_guard<std::mutex> g(m); plain++; }
                    atomic_count.fetch_add(1, std::memory_order_relaxed);
                }
                int cur = max_seen.load();
                while (cur < i && !max_seen.compare_exchange_weak(cur, i)) {}
                if (!flag.test_and_set()) { std::lock_guard<std::mutex> g(m); flag_wins++; }
            });
        for (auto &t : ts) t.join();
        printf("mutex counter %ld, atomic counter %ld, max %d, atomic_flag won once %d\n", plain, atomic_count.load(),
               max_seen.load(), flag_wins);
        std::atomic<unsigned long long> wide{0};
        printf("atomic<u64> lock free %d; exchange %llu; ", (int)wide.is_lock_free(), wide.exchange(5));
        unsigned long long expected = 4;
        bool ok = wide.compare_exchange_strong(expected, 9);
        printf("cas with wrong expected %d (expected now %llu), value %llu\n", ok, expected, wide.load());
    }

    // producer/consumer over a bounded queue
    {
        std::mutex m;
        std::condition_variable not_empty, not_full;
        std::deque<int> q;
        bool done = false;
        const size_t cap = 8;
        std::vector<long> consumed(3, 0);
        std::vector<int> counts(3, 0);
        std::vector<std::thread> consumers;
        for (int c = 0; c < 3; c++)
            consumers.emplace_back([&, c] {
                for (;;) {
                    std::unique_lock<std::mutex> lk(m);
                    not_empty.wait(lk, [&] { return !q.empty() || done; });
                    if (q.empty()) return;
                    int v = q.front();
                    q.pop_front();
                    lk.unlock();
                    not_full.notify_one();
                    consumed[c] += v;
                    counts[c]++;
                }
            });
        std::thread producer([&] {
            for (int i = 1; i <= 5000; i++) {
                std::unique_lock<std::mutex> lk(m);
                not_full.wait(lk, [&] { return q.size() < cap; });
                q.push_back(i);
                lk.unlock();
                not_empty.notify_one();
            }
            { std::lock_guard<std::mutex> g(m); done = true; }
            not_empty.notify_all();
        });
        producer.join();
        for (auto &t : consumers) t.join();
        printf("producer/consumer: items %d, sum %ld, queue empty %d\n", counts[0] + counts[1] + counts[2],
               consumed[0] + consumed[1] + consumed[2], q.empty());
        // wait_for with a timeout that expires
        std::unique_lock<std::mutex> lk(m);
        auto t0 = std::chrono::steady_clock::now();
        bool got = not_empty.wait_for(lk, std::chrono::milliseconds(20), [] { return false; });
        auto waited = std::chrono::steady_clock::now() - t0;
        printf("wait_for timed out: %d, waited >= 20ms %d\n", !got, waited >= std::chrono::milliseconds(20));
    }

    // async, future, promise, packaged_task, shared_future
    {
        auto f1 = std::async(std::launch::async, [](int n) { long s = 0; for (int i = 1; i <= n; i++) s += i; return s; }, 1000);
        auto f2 = std::async(std::launch::deferred, [] { return std::string("deferred"); });
        printf("deferred status is deferred %d\n", f2.wait_for(std::chrono::seconds(0)) == std::future_status::deferred);
        printf("async %ld, %s\n", f1.get(), f2.get().c_str());
        printf("future valid after get %d\n", f1.valid());

        std::promise<int> p;
        std::future<int> pf = p.get_future();
        std::thread setter([&p] { p.set_value(99); });
        printf("promise value %d\n", pf.get());
        setter.join();

        std::promise<void> ready;
        std::shared_future<void> go = ready.get_future().share();
        std::atomic<int> started{0};
        std::vector<std::future<int>> results;
        for (int i = 0; i < 4; i++)
            results.push_back(std::async(std::launch::async, [go, i, &started] { started++; go.wait(); return i * i; }));
        ready.set_value();
        int sq = 0;
        for (auto &r : results) sq += r.get();
        printf("shared_future released 4 waiters, sum of squares %d\n", sq);

        std::packaged_task<int(int, int)> task([](int a, int b) { return a * b; });
        std::future<int> tf = task.get_future();
        std::thread tt(std::move(task), 6, 7);
        tt.join();
        printf("packaged_task %d\n", tf.get());

        // exceptions through futures
        auto fe = std::async(std::launch::async, [] () -> int { throw WorkError{3}; });
        try { fe.get(); printf("no exception?\n"); }
        catch (const WorkError &e) { printf("async exception WorkError %d\n", e.id); }
        std::promise<int> pe;
        std::future<int> pef = pe.get_future();
        std::thread te([&pe] {
            try { throw std::range_error("from thread"); }
            catch (...) { pe.set_exception(std::current_exception()); }
        });
        te.join();
        try { pef.get(); }
        catch (const std::range_error &) { printf("promise exception: range_error\n"); }
        std::future<int> broken;
        {
            std::promise<int> dropped;
            broken = dropped.get_future();
        }
        try { broken.get(); }
        catch (const std::future_error &e) {
            printf("abandoned promise: future_error broken_promise %d\n", e.code() == std::future_errc::broken_promise);
        }
        std::promise<int> twice;
        twice.set_value(1);
        try { twice.set_value(2); }
        catch (const std::future_error &e) {
            printf("set twice: promise_already_satisfied %d\n", e.code() == std::future_errc::promise_already_satisfied);
        }
    }

    // exception_ptr from many threads
    {
        std::vector<std::exception_ptr> errs(6);
        std::vector<std::thread> ts;
        for (int i = 0; i < 6; i++)
            ts.emplace_back([i, &errs] {
                try {
                    for (int k = 0; k < 200; k++) {
                        try { throw k; } catch (int) {}   // caught locally, many times
                    }
                    if (i % 2) throw WorkError{i};
                    throw std::runtime_error("even");
                } catch (...) {
                    errs[i] = std::current_exception();
                }
            });
        for (auto &t : ts) t.join();
        int work = 0, runtime = 0, ids = 0;
        for (auto &e : errs) {
            try { std::rethrow_exception(e); }
            catch (const WorkError &w) { work++; ids += w.id; }
            catch (const std::runtime_error &) { runtime++; }
        }
        printf("exceptions carried from threads: WorkError %d (ids %d), runtime_error %d\n", work, ids, runtime);
    }

    // call_once, thread_local, shared_mutex, recursive_mutex, try_lock, scoped_lock
    {
        std::once_flag once;
        std::atomic<int> once_runs{0};
        std::vector<int> tls_seen(4);
        std::vector<std::thread> ts;
        for (int i = 0; i < 4; i++)
            ts.emplace_back([&, i] {
                std::call_once(once, [&] { once_runs++; });
                tls_value += i;
                tls_seen[i] = tls_value;
            });
        for (auto &t : ts) t.join();
        // a call_once whose callable throws leaves the flag unset: the next call runs again
        std::once_flag retry;
        int attempts = 0;
        for (int i = 0; i < 3; i++) {
            try {
                std::call_once(retry, [&] { if (++attempts < 2) throw WorkError{attempts}; });
            } catch (const WorkError &e) {
                printf("call_once threw WorkError %d; ", e.id);
            }
        }
        printf("call_once attempts %d\n", attempts);
        printf("call_once ran %d; thread_local per thread %d %d %d %d; main's %d\n", once_runs.load(), tls_seen[0],
               tls_seen[1], tls_seen[2], tls_seen[3], tls_value);

        std::shared_mutex sm;
        int shared_data = 0;
        std::atomic<int> readers_ok{0};
        std::vector<std::thread> rs;
        for (int i = 0; i < 3; i++)
            rs.emplace_back([&] {
                for (int k = 0; k < 1000; k++) {
                    std::shared_lock<std::shared_mutex> lk(sm);
                    if (shared_data % 2 == 0) readers_ok++;
                }
            });
        std::thread writer([&] {
            for (int k = 0; k < 1000; k++) {
                std::unique_lock<std::shared_mutex> lk(sm);
                shared_data++;
                shared_data++;   // readers never see an odd value
            }
        });
        for (auto &t : rs) t.join();
        writer.join();
        printf("shared_mutex: readers always saw even values %d, data %d\n", readers_ok.load() == 3000, shared_data);

        std::recursive_mutex rm;
        std::function<int(int)> rec = [&](int n) -> int {
            std::lock_guard<std::recursive_mutex> g(rm);
            return n == 0 ? 0 : 1 + rec(n - 1);
        };
        printf("recursive_mutex depth %d\n", rec(10));
        std::mutex m1, m2;
        m1.lock();
        int try_result = -1;
        std::thread tr([&] { try_result = m1.try_lock(); });
        tr.join();
        m1.unlock();
        {
            std::scoped_lock both(m1, m2);
            printf("try_lock on a held mutex from another thread: %d; scoped_lock of two ok\n", try_result);
        }
        std::timed_mutex tm;
        tm.lock();
        bool timed = true;
        std::thread ttm([&] { timed = tm.try_lock_for(std::chrono::milliseconds(10)); });
        ttm.join();
        tm.unlock();
        printf("timed_mutex try_lock_for on a held mutex: %d\n", timed);
    }

    // sleep_for and this_thread::yield
    auto t0 = std::chrono::steady_clock::now();
    std::this_thread::sleep_for(std::chrono::milliseconds(15));
    std::this_thread::yield();
    printf("slept >= 15ms: %d\n", std::chrono::steady_clock::now() - t0 >= std::chrono::milliseconds(15));
    return 0;
}
