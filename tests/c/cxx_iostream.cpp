// iostreams: std::cin (cxx_iostream.stdin: getline, >> mixed with getline, eof), formatting flags (width, fill, precision, hex/oct, showbase, fixed/scientific, boolalpha, showpos, uppercase), stringstream parsing and failbit, getline over a string, locale::classic, to_chars/from_chars for ints and doubles (shortest round trip).
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <iomanip>
#include <iostream>
#include <limits>
#include <locale>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

static const char *ec_name(std::errc e) {
    if (e == std::errc()) return "ok";
    if (e == std::errc::invalid_argument) return "invalid_argument";
    if (e == std::errc::result_out_of_range) return "result_out_of_range";
    if (e == std::errc::value_too_large) return "value_too_large";
    return "other";
}

int main() {
    std::cout.imbue(std::locale::classic());
    std::cout << "locale classic name: " << std::locale::classic().name() << "\n";
    std::cout << "global locale name: " << std::locale().name() << "\n";

    // integers
    std::cout << '[' << std::setw(6) << 42 << "] [" << std::left << std::setw(6) << 42 << "] [" << std::right
              << std::setfill('0') << std::setw(6) << -42 << "] [" << std::internal << std::setw(6) << -42 << "]\n";
    std::cout << std::setfill(' ');
    std::cout << std::hex << 255 << ' ' << std::showbase << 255 << ' ' << std::uppercase << 255 << ' '
              << std::nouppercase << std::oct << 8 << ' ' << std::noshowbase << 8 << std::dec << ' ' << 8 << "\n";
    std::cout << std::showbase << std::hex << std::setw(8) << std::internal << std::setfill('0') << 0xbeef
              << std::dec << std::noshowbase << std::setfill(' ') << "\n";
    std::cout << std::showpos << 5 << ' ' << 0 << ' ' << -5 << std::noshowpos << "\n";
    std::cout << std::numeric_limits<long long>::min() << ' ' << std::numeric_limits<unsigned long long>::max()
              << "\n";
    std::cout << std::hex << -1 << ' ' << (unsigned short)65535 << std::dec << "\n";

    // floating point
    double vals[] = {0.0, 1.0, 3.14159265358979, 1234567.891, 1e-5, 6.02214076e23, -2.5};
    for (double v : vals) {
        std::cout << v << " | " << std::fixed << std::setprecision(3) << v << " | " << std::scientific << v << " | "
                  << std::uppercase << v << std::nouppercase << " | " << std::defaultfloat << std::setprecision(10)
                  << v << std::setprecision(6) << "\n";
    }
    std::cout << std::setprecision(2) << 0.125 << ' ' << 0.375 << ' ' << 2.5 << ' ' << std::fixed << 0.125 << ' '
              << 2.675 << std::defaultfloat << std::setprecision(6) << "\n";
    std::cout << std::showpoint << 2.0 << ' ' << 100.0 << std::noshowpoint << ' ' << 2.0 << "\n";
    std::cout << std::numeric_limits<double>::infinity() << ' ' << -std::numeric_limits<double>::infinity() << ' '
              << std::fixed << std::numeric_limits<double>::infinity() << std::defaultfloat << "\n";
    std::cout << std::setw(12) << std::left << 1.5 << '|' << std::right << std::setw(12) << 1.5 << "|\n";
    std::cout << std::hexfloat << 1.0 << ' ' << 0.1 << std::defaultfloat << "\n";

    // bool, chars, strings
    std::cout << true << ' ' << std::boolalpha << true << ' ' << false << std::noboolalpha << "\n";
    std::cout << 'x' << ' ' << (int)'x' << ' ' << std::setw(5) << "ab" << '|' << std::quoted("say \"hi\"") << "\n";

    // stringstream parsing
    std::istringstream in("12 -7 3.5 word 0x1f 077 true 1e3 tail");
    int a, b;
    double c;
    std::string w;
    in >> a >> b >> c >> w;
    std::cout << "parsed: " << a << ' ' << b << ' ' << c << ' ' << w << "\n";
    int h, o;
    in >> std::hex >> h >> std::oct >> o >> std::dec;
    std::cout << "hex 0x1f -> " << h << ", oct 077 -> " << o << "\n";
    bool flag = false;
    in >> std::boolalpha >> flag;
    double e3;
    in >> e3;
    std::cout << "bool " << flag << ", 1e3 -> " << e3 << ", good " << in.good() << "\n";
    int bad = 123;
    in >> bad;
    std::cout << "reading int from 'tail': fail " << in.fail() << ", eof " << in.eof() << ", value " << bad << "\n";
    in.clear();
    in >> w;
    std::cout << "after clear: '" << w << "', eof " << in.eof() << "\n";

    std::istringstream overflow("99999999999 12abc -");
    int small = 0;
    overflow >> small;
    std::cout << "overflow: fail " << overflow.fail() << " value is max " << (small == std::numeric_limits<int>::max())
              << "\n";
    overflow.clear();
    overflow >> small;
    std::string rest;
    overflow >> rest;
    std::cout << "12abc: " << small << " then '" << rest << "'\n";

    std::ostringstream os;
    os << std::setw(4) << std::setfill('*') << 7 << ',' << std::hex << 3054 << ',' << std::fixed << std::setprecision(1)
       << 9.96;
    std::cout << "ostringstream: " << os.str() << " (" << os.str().size() << " chars)\n";
    std::stringstream ss;
    ss << "line one\nline two\n\nlast without newline";
    std::string line;
    int n = 0;
    while (std::getline(ss, line)) std::cout << "getline " << ++n << ": '" << line << "'\n";
    std::istringstream csv("a,b,,c,");
    std::vector<std::string> fields;
    while (std::getline(csv, line, ',')) fields.push_back(line);
    std::cout << "csv fields " << fields.size() << ":";
    for (auto &f : fields) std::cout << " '" << f << "'";
    std::cout << "\n";
    std::istringstream words("  leading   spaces\tand\ttabs  ");
    std::cout << "words:";
    while (words >> w) std::cout << " <" << w << ">";
    std::cout << "\n";

    // to_chars / from_chars
    char buf[64];
    long long ints[] = {0, -1, 255, 1234567890123LL, std::numeric_limits<long long>::min()};
    for (long long v : ints) {
        auto r10 = std::to_chars(buf, buf + sizeof buf, v);
        *r10.ptr = 0;
        std::cout << "to_chars " << buf;
        auto r16 = std::to_chars(buf, buf + sizeof buf, v, 16);
        *r16.ptr = 0;
        std::cout << " base16 " << buf;
        auto r2 = std::to_chars(buf, buf + sizeof buf, v, 36);
        *r2.ptr = 0;
        std::cout << " base36 " << buf << "\n";
    }
    char tiny[3];
    auto rt = std::to_chars(tiny, tiny + 3, 12345);
    std::cout << "to_chars into 3 chars: " << ec_name(rt.ec) << "\n";
    double dbl[] = {0.1, 1.0 / 3.0, 1e300, 5e-324, 123456.0, -0.0, 2.5e-7, 9007199254740993.0};
    for (double v : dbl) {
        auto r = std::to_chars(buf, buf + sizeof buf, v);
        *r.ptr = 0;
        std::cout << "to_chars(double) " << buf;
        r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
        *r.ptr = 0;
        std::cout << " sci " << buf;
        r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 4);
        *r.ptr = 0;
        std::cout << " fixed4 " << (r.ptr - buf > 30 ? "(long)" : buf);
        r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 3);
        *r.ptr = 0;
        std::cout << " g3 " << buf;
        r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::hex);
        *r.ptr = 0;
        std::cout << " hex " << buf << "\n";
    }
    const char *int_inputs[] = {"42", "-17xyz", "  5", "2147483648", "-2147483648", "abc", "0x10"};
    for (const char *s : int_inputs) {
        int v = -999;
        auto r = std::from_chars(s, s + strlen(s), v);
        std::cout << "from_chars(int) '" << s << "': " << ec_name(r.ec) << " value " << v << " consumed "
                  << (r.ptr - s) << "\n";
    }
    int hv = 0;
    const char *hs = "ff7g";
    auto hr = std::from_chars(hs, hs + 4, hv, 16);
    std::cout << "from_chars base16 'ff7g': " << hv << " consumed " << (hr.ptr - hs) << "\n";
    const char *dbl_inputs[] = {"3.25", "-1e-3", "1e400", "inf", "nan", "0x1p3", "1.7976931348623157e308", ".5", "12.5e"};
    for (const char *s : dbl_inputs) {
        double v = -1;
        auto r = std::from_chars(s, s + strlen(s), v);
        std::cout << "from_chars(double) '" << s << "': " << ec_name(r.ec) << " consumed " << (r.ptr - s);
        if (r.ec == std::errc()) {
            if (std::isnan(v)) std::cout << " nan";
            else std::cout << " value " << std::setprecision(17) << v << std::setprecision(6);
        }
        std::cout << "\n";
    }
    double hexd = 0;
    const char *hx = "1.8p1";
    std::from_chars(hx, hx + 5, hexd, std::chars_format::hex);
    std::cout << "from_chars hex '1.8p1': " << hexd << "\n";
    // round trip of many doubles through to_chars/from_chars
    int mismatches = 0;
    unsigned long long x = 0x9E3779B97F4A7C15ULL;
    for (int i = 0; i < 2000; i++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        double v;
        unsigned long long bits = x & 0x7FEFFFFFFFFFFFFFULL;
        memcpy(&v, &bits, sizeof v);
        auto r = std::to_chars(buf, buf + sizeof buf, v);
        double back;
        std::from_chars(buf, r.ptr, back);
        if (back != v) mismatches++;
    }
    std::cout << "round trip of 2000 doubles: mismatches " << mismatches << "\n";

    // std::cin from cxx_iostream.stdin
    std::string first;
    std::getline(std::cin, first);
    int num = 0;
    double dnum = 0;
    std::string tok;
    std::cin >> num >> dnum >> tok;
    std::cin >> std::ws;   // skip the newline and the indentation
    std::string indented, last, after;
    std::getline(std::cin, indented);
    std::getline(std::cin, last);
    std::cout << "cin: '" << first << "' " << num << ' ' << dnum << " '" << tok << "' '" << indented << "' '" << last
              << "' eof " << std::cin.eof() << "\n";
    bool more = (bool)std::getline(std::cin, after);
    std::cout << "cin after the end: more " << more << " fail " << std::cin.fail() << "\n";

    // cout state is per stream: cerr untouched, printf interleaves (sync_with_stdio)
    printf("printf after cout, synced\n");
    std::cout << "cout again" << std::endl;
    return 0;
}
