// Standard library: <chrono> duration arithmetic and casts, steady_clock monotonic; <random> mt19937/mt19937_64/minstd raw outputs with fixed seeds (not distributions: they differ between libraries); <regex> ECMAScript match/search/replace; containers and algorithms; strings; new failing -> std::bad_alloc.
#include <algorithm>
#include <array>
#include <bitset>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <new>
#include <numeric>
#include <optional>
#include <queue>
#include <random>
#include <regex>
#include <set>
#include <stack>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <variant>
#include <vector>

using namespace std::chrono_literals;

template <typename C> static void print_seq(const char *label, const C &c) {
    printf("%s:", label);
    for (const auto &x : c) printf(" %d", (int)x);
    printf("\n");
}

static void *(*volatile op_new)(std::size_t) = &::operator new;
static void *volatile sink;

int main() {
    // ---- chrono
    auto d = 1h + 30min + 15s + 250ms;
    printf("duration ms %lld, s %lld (truncated), minutes %lld\n", (long long)std::chrono::duration_cast<std::chrono::milliseconds>(d).count(),
           (long long)std::chrono::duration_cast<std::chrono::seconds>(d).count(),
           (long long)std::chrono::duration_cast<std::chrono::minutes>(d).count());
    std::chrono::duration<double> secs = d;
    printf("as double seconds %.3f; floor/ceil/round of 2500ms to s: %lld %lld %lld\n", secs.count(),
           (long long)std::chrono::floor<std::chrono::seconds>(2500ms).count(),
           (long long)std::chrono::ceil<std::chrono::seconds>(2500ms).count(),
           (long long)std::chrono::round<std::chrono::seconds>(2500ms).count());
    auto neg = 3s - 4500ms;
    printf("3s - 4500ms = %lld ms, abs %lld, compare 1s < 1001ms %d, 60s == 1min %d\n", (long long)neg.count(),
           (long long)std::chrono::abs(neg).count(), 1s < 1001ms, 60s == 1min);
    printf("ratio of nanoseconds: %lld/%lld, 5ns*3 %% 4ns = %lld\n", (long long)std::chrono::nanoseconds::period::num,
           (long long)std::chrono::nanoseconds::period::den, (long long)((5ns * 3) % 4ns).count());
    auto t0 = std::chrono::steady_clock::now();
    bool mono = true;
    auto prev = t0;
    for (int i = 0; i < 10000; i++) {
        auto now = std::chrono::steady_clock::now();
        if (now < prev) mono = false;
        prev = now;
    }
    printf("steady_clock is_steady %d, monotonic over 10000 reads %d\n", std::chrono::steady_clock::is_steady, mono);
    auto sys = std::chrono::system_clock::now();
    long long since_epoch = std::chrono::duration_cast<std::chrono::seconds>(sys.time_since_epoch()).count();
    printf("system_clock after 2020: %d\n", since_epoch > 1577836800LL);
    std::time_t tt = std::chrono::system_clock::to_time_t(std::chrono::system_clock::time_point(86400s * 365));
    printf("to_time_t(365 days) %lld\n", (long long)tt);

    // ---- random: raw engine outputs are specified exactly
    std::mt19937 mt(5489u);
    printf("mt19937(5489):");
    for (int i = 0; i < 5; i++) printf(" %u", (unsigned)mt());
    mt.discard(9995);
    printf(" ... 10000th %u\n", (unsigned)mt());
    std::mt19937 def;
    def.discard(9999);
    printf("default mt19937 10000th: %u (4123659995)\n", (unsigned)def());
    std::mt19937_64 mt64(42);
    printf("mt19937_64(42):");
    for (int i = 0; i < 3; i++) printf(" %llu", (unsigned long long)mt64());
    std::mt19937_64 def64;
    def64.discard(9999);
    printf("; default 10000th %llu (9981545732273789042)\n", (unsigned long long)def64());
    std::minstd_rand mr(1);
    printf("minstd_rand(1):");
    for (int i = 0; i < 3; i++) printf(" %u", (unsigned)mr());
    std::ranlux24_base rl;
    rl.discard(9999);
    printf("; ranlux24_base 10000th %u (7937952)\n", (unsigned)rl());
    std::seed_seq seq{1, 2, 3};
    std::mt19937 seeded(seq);
    printf("mt19937(seed_seq{1,2,3}) first %u\n", (unsigned)seeded());
    std::random_device rd;
    unsigned r1 = rd();
    (void)r1;
    printf("random_device works\n");

    // ---- regex (ECMAScript)
    std::regex date(R"((\d{4})-(\d{2})-(\d{2}))");
    std::smatch m;
    std::string text = "due 2024-03-15, paid 2024-04-01.";
    if (std::regex_search(text, m, date))
        printf("search: '%s' year %s month %s day %s prefix '%s'\n", m.str(0).c_str(), m.str(1).c_str(),
               m.str(2).c_str(), m.str(3).c_str(), m.prefix().str().c_str());
    printf("regex_match whole: %d, partial %d\n", std::regex_match(std::string("2024-03-15"), date),
           std::regex_match(text, date));
    std::string all;
    for (std::sregex_iterator it(text.begin(), text.end(), date), end; it != end; ++it) all += (*it)[0].str() + ";";
    printf("all matches: %s\n", all.c_str());
    printf("replace: %s\n", std::regex_replace(text, date, "$3/$2/$1").c_str());
    std::regex ws("\\s+");
    printf("collapse spaces: [%s]\n", std::regex_replace(std::string("a   b \t c\n\nd"), ws, " ").c_str());
    std::regex icase("hello", std::regex::icase);
    printf("icase: %d; alternation: %d; backref: %d\n", std::regex_search(std::string("Say HeLLo"), icase),
           std::regex_match(std::string("cat"), std::regex("dog|cat|bird")),
           std::regex_match(std::string("abcabc"), std::regex("(abc)\\1")));
    std::string csv = "one,two,,three";
    std::regex comma(",");
    std::string parts;
    for (std::sregex_token_iterator it(csv.begin(), csv.end(), comma, -1), end; it != end; ++it) parts += "<" + it->str() + ">";
    printf("token split: %s\n", parts.c_str());
    printf("lazy vs greedy: %s %s\n", std::regex_replace(std::string("<a><b>"), std::regex("<.*>"), "X").c_str(),
           std::regex_replace(std::string("<a><b>"), std::regex("<.*?>"), "X").c_str());
    try {
        std::regex bad("(unclosed");
        printf("bad regex accepted?\n");
    } catch (const std::regex_error &e) {
        printf("regex_error: error_paren %d\n", e.code() == std::regex_constants::error_paren);
    }

    // ---- containers
    std::map<std::string, int> wc;
    std::string words = "the quick brown fox jumps over the lazy dog the end";
    size_t pos = 0;
    while (pos < words.size()) {
        size_t sp = words.find(' ', pos);
        if (sp == std::string::npos) sp = words.size();
        wc[words.substr(pos, sp - pos)]++;
        pos = sp + 1;
    }
    printf("map:");
    for (auto &[k, v] : wc) printf(" %s=%d", k.c_str(), v);
    printf("\n");
    auto lb = wc.lower_bound("l");
    size_t erased = wc.erase("fox");   // (its own statement: argument evaluation order differs)
    printf("lower_bound(l) %s, count(the) %zu, erase(fox) %zu, size %zu\n", lb->first.c_str(), wc.count("the"),
           erased, wc.size());
    std::multimap<int, char> mm{{2, 'b'}, {1, 'a'}, {2, 'c'}, {2, 'd'}};
    auto range = mm.equal_range(2);
    printf("multimap equal_range(2):");
    for (auto it = range.first; it != range.second; ++it) printf(" %c", it->second);
    printf("\n");
    std::set<int> s{5, 1, 4, 1, 5, 9, 2, 6, 5, 3};
    print_seq("set", s);
    std::set<int, std::greater<int>> sdesc(s.begin(), s.end());
    print_seq("set greater", sdesc);
    std::unordered_map<std::string, int> um;
    for (int i = 0; i < 100; i++) um["k" + std::to_string(i % 37)] += i;
    std::vector<std::pair<std::string, int>> umv(um.begin(), um.end());
    std::sort(umv.begin(), umv.end());
    printf("unordered_map size %zu, sorted first %s=%d last %s=%d\n", um.size(), umv.front().first.c_str(),
           umv.front().second, umv.back().first.c_str(), umv.back().second);
    um.rehash(1000);
    printf("after rehash: k5=%d, bucket_count >= 1000 %d\n", um["k5"], um.bucket_count() >= 1000);
    std::unordered_set<int> us{3, 1, 4, 1, 5};
    std::vector<int> usv(us.begin(), us.end());
    std::sort(usv.begin(), usv.end());
    print_seq("unordered_set sorted", usv);
    std::deque<int> dq;
    for (int i = 0; i < 5; i++) { dq.push_back(i); dq.push_front(-i); }
    dq.pop_front();
    dq.erase(dq.begin() + 3);
    print_seq("deque", dq);
    std::list<int> li{9, 3, 7, 3, 1, 8, 2};
    li.sort();
    li.unique();
    li.reverse();
    print_seq("list sort/unique/reverse", li);
    std::list<int> other{100, 200};
    li.splice(std::next(li.begin()), other);
    li.remove_if([](int x) { return x == 7; });
    print_seq("list splice/remove_if", li);
    std::priority_queue<int> pq;
    for (int x : {4, 8, 1, 9, 3}) pq.push(x);
    printf("priority_queue:");
    while (!pq.empty()) { printf(" %d", pq.top()); pq.pop(); }
    std::priority_queue<int, std::vector<int>, std::greater<int>> minq;
    for (int x : {4, 8, 1, 9, 3}) minq.push(x);
    printf("; min-heap top %d\n", minq.top());
    std::stack<int> st;
    st.push(1); st.push(2);
    printf("stack top %d size %zu\n", st.top(), st.size());

    // ---- algorithms
    std::vector<int> v(20);
    std::iota(v.begin(), v.end(), 1);
    std::vector<int> sq;
    std::transform(v.begin(), v.end(), std::back_inserter(sq), [](int x) { return x * x % 17; });
    print_seq("transform x^2%17", sq);
    std::vector<int> sorted = sq;
    std::sort(sorted.begin(), sorted.end());
    print_seq("sort", sorted);
    struct Rec { int key; int seq; };
    std::vector<Rec> recs;
    for (int i = 0; i < 12; i++) recs.push_back({(i * 5) % 4, i});
    std::stable_sort(recs.begin(), recs.end(), [](const Rec &a, const Rec &b) { return a.key < b.key; });
    printf("stable_sort:");
    for (auto &r : recs) printf(" %d.%d", r.key, r.seq);
    printf("\n");
    std::vector<int> pv = v;
    auto mid = std::stable_partition(pv.begin(), pv.end(), [](int x) { return x % 3 == 0; });
    printf("stable_partition: %d multiples of 3 first\n", (int)(mid - pv.begin()));
    print_seq("stable_partition", pv);
    auto pmid = std::partition(pv.begin(), pv.end(), [](int x) { return x > 10; });
    printf("partition >10: count %d, all ok %d\n", (int)(pmid - pv.begin()),
           std::all_of(pv.begin(), pmid, [](int x) { return x > 10; }) && std::none_of(pmid, pv.end(), [](int x) { return x > 10; }));
    printf("accumulate %d, product of 1..10 %lld, inner_product %d\n", std::accumulate(v.begin(), v.end(), 0),
           std::accumulate(v.begin(), v.begin() + 10, 1LL, std::multiplies<long long>()),
           std::inner_product(v.begin(), v.begin() + 3, v.begin() + 3, 0));
    auto [mn, mx] = std::minmax_element(sq.begin(), sq.end());
    printf("minmax %d %d, count(16) %d, find 13 at %d, binary_search(sorted, 9) %d\n", *mn, *mx,
           (int)std::count(sq.begin(), sq.end(), 16), (int)(std::find(sq.begin(), sq.end(), 13) - sq.begin()),
           std::binary_search(sorted.begin(), sorted.end(), 9));
    auto eq = std::equal_range(sorted.begin(), sorted.end(), 16);
    printf("equal_range(16) [%d, %d)\n", (int)(eq.first - sorted.begin()), (int)(eq.second - sorted.begin()));
    std::vector<int> perm{1, 2, 3};
    std::string perms;
    do { perms += std::to_string(perm[0]) + std::to_string(perm[1]) + std::to_string(perm[2]) + " "; }
    while (std::next_permutation(perm.begin(), perm.end()));
    printf("permutations: %s\n", perms.c_str());
    std::vector<int> u{1, 1, 2, 3, 3, 3, 4};
    u.erase(std::unique(u.begin(), u.end()), u.end());
    std::rotate(u.begin(), u.begin() + 1, u.end());
    print_seq("unique+rotate", u);
    std::vector<int> a1{1, 3, 5, 7}, a2{2, 3, 6, 7}, out;
    std::set_intersection(a1.begin(), a1.end(), a2.begin(), a2.end(), std::back_inserter(out));
    print_seq("set_intersection", out);
    out.clear();
    std::merge(a1.begin(), a1.end(), a2.begin(), a2.end(), std::back_inserter(out));
    print_seq("merge", out);
    std::vector<int> big(1000);
    std::iota(big.rbegin(), big.rend(), 0);
    std::nth_element(big.begin(), big.begin() + 500, big.end());
    std::partial_sort(big.begin(), big.begin() + 3, big.begin() + 500);
    printf("nth_element 500th %d, partial_sort first %d %d %d\n", big[500], big[0], big[1], big[2]);
    std::make_heap(v.begin(), v.end());
    printf("heap top %d, is_heap %d\n", v.front(), std::is_heap(v.begin(), v.end()));

    // ---- strings
    std::string str = "Hello, World";
    str.insert(5, "!!!");
    str.replace(0, 5, "Goodbye");
    printf("string: '%s' find(World) %zu rfind(o) %zu substr '%s' npos %d\n", str.c_str(), str.find("World"),
           str.rfind('o'), str.substr(7, 3).c_str(), str.find("xyz") == std::string::npos);
    std::string up = str;
    std::transform(up.begin(), up.end(), up.begin(), [](unsigned char c) { return (char)toupper(c); });
    printf("upper '%s', compare %d, starts_with %d\n", up.c_str(), str.compare(up) > 0, str.rfind("Good", 0) == 0);
    std::string_view sv = "  trim me  ";
    sv.remove_prefix(sv.find_first_not_of(' '));
    sv.remove_suffix(sv.size() - sv.find_last_not_of(' ') - 1);
    printf("string_view trimmed '%.*s'\n", (int)sv.size(), sv.data());
    printf("to_string %s %s, stoi %d, stol(hex) %ld, stod %.2f\n", std::to_string(-42).c_str(), std::to_string(1.5).c_str(),
           std::stoi("  123abc"), std::stol("ff", nullptr, 16), std::stod("2.75"));
    try { (void)std::stoi("nope"); } catch (const std::invalid_argument &) { printf("stoi(nope): invalid_argument\n"); }
    try { (void)std::stoi("99999999999"); } catch (const std::out_of_range &) { printf("stoi(99999999999): out_of_range\n"); }
    try { (void)str.at(1000); } catch (const std::out_of_range &) { printf("string::at: out_of_range\n"); }
    std::string longs(100, 'z');
    longs += longs;
    printf("long string %zu, count z %d\n", longs.size(), (int)std::count(longs.begin(), longs.end(), 'z'));

    // ---- utilities
    std::optional<int> o;
    printf("optional empty %d value_or %d;", !o.has_value(), o.value_or(5));
    try { (void)o.value(); } catch (const std::bad_optional_access &) { printf(" bad_optional_access;"); }
    std::variant<int, std::string> var = std::string("text");
    printf(" variant index %zu holds string %d;", var.index(), std::holds_alternative<std::string>(var));
    try { (void)std::get<int>(var); } catch (const std::bad_variant_access &) { printf(" bad_variant_access\n"); }
    auto tup = std::make_tuple(1, 2.5, std::string("three"));
    printf("tuple %d %.1f %s size %zu\n", std::get<0>(tup), std::get<1>(tup), std::get<2>(tup).c_str(),
           std::tuple_size<decltype(tup)>::value);
    std::bitset<16> bits(0xA5F0);
    printf("bitset %s count %zu\n", bits.to_string().c_str(), bits.count());
    auto sp = std::make_shared<int>(7);
    std::weak_ptr<int> wp = sp;
    {
        auto sp2 = sp;
        printf("shared_ptr use_count %ld;", sp.use_count());
    }
    sp.reset();
    printf(" weak expired after reset %d\n", wp.expired());
    std::array<int, 4> arr{4, 3, 2, 1};
    std::sort(arr.begin(), arr.end());
    printf("array %d %d %d %d\n", arr[0], arr[1], arr[2], arr[3]);

    // ---- allocation failure
    try {
        void *p = op_new((std::size_t)-1 / 2);
        printf("allocated half the address space? %d\n", p != nullptr);
    } catch (const std::bad_alloc &) {
        printf("operator new(SIZE_MAX/2): std::bad_alloc\n");
    }
    try {
        std::vector<int> huge;
        huge.reserve(huge.max_size());
        sink = huge.data();   // used: clang may not elide the allocation
        printf("reserve(max_size) succeeded?\n");
    } catch (const std::bad_alloc &) {
        printf("vector::reserve(max_size()): std::bad_alloc\n");
    } catch (const std::length_error &) {
        printf("vector::reserve(max_size()): std::length_error\n");
    }
    try {
        std::vector<int> v2;
        v2.reserve(v2.max_size() + 1);
    } catch (const std::length_error &) {
        printf("vector::reserve(max_size()+1): std::length_error\n");
    }
    volatile std::size_t nearly_all = (std::size_t)-1 - 4095;
    void *nothrow = ::operator new(nearly_all, std::nothrow);
    printf("operator new(SIZE_MAX - 4095, nothrow): null %d\n", nothrow == nullptr);
    ::operator delete(nothrow);
    return 0;
}
