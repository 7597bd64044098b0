// C++ on the NDK's libc++: a payload compiled in the NDK's ABI (std::__ndk1) and run on a real libc++_shared.so from
// Maven Central. Each check prints "ok NAME" or "FAIL NAME: detail"; AVmPayload_main returns the number of failures.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <clocale>
#include <codecvt>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <cxxabi.h>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <iomanip>
#include <iostream>
#include <locale>
#include <map>
#include <memory>
#include <mutex>
#include <numeric>
#include <queue>
#include <random>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <typeinfo>
#include <unordered_map>
#include <vector>

#include "cxx_shapes.h"

namespace fs = std::filesystem;

static int failures = 0;

static void check(const char* name, bool ok, const std::string& detail = "") {
    if (ok) {
        std::cout << "ok " << name << '\n';
    } else {
        std::cout << "FAIL " << name << ": " << detail << '\n';
        failures++;
    }
}

// Static objects of the payload: constructed after libcxx_shapes.so's, destroyed before them.
struct Tracer {
    const char* name;
    explicit Tracer(const char* n) : name(n) { shapes::note((std::string("construct ") + n).c_str()); }
    ~Tracer() { shapes::note((std::string("destroy ") + name).c_str()); }
};
static Tracer payload_tracer("suite");

static void iostreams() {
    std::ostringstream out;
    out << std::fixed << std::setprecision(3) << 3.14159 << ' ' << std::hex << 255 << ' ' << std::dec << std::setw(6)
        << std::setfill('*') << 42 << ' ' << std::scientific << 12345.678 << ' ' << std::boolalpha << true;
    check("ostringstream", out.str() == "3.142 ff ****42 1.235e+04 true", out.str());
    std::istringstream in("  17 -2.5e3 word 0x1f\nsecond line");
    int i = 0;
    double d = 0;
    std::string w, line;
    int h = 0;
    in >> i >> d >> w >> std::hex >> h;
    std::getline(in >> std::ws, line);
    check("istringstream", i == 17 && d == -2500.0 && w == "word" && h == 31 && line == "second line",
          std::to_string(i) + " " + std::to_string(d) + " " + w + " " + std::to_string(h) + " " + line);
    std::wostringstream wide;
    wide << L"wide " << 1.5 << L' ' << 7;
    check("wostringstream", wide.str() == L"wide 1.5 7");
    check("to_string/stod", std::to_string(2.5) == "2.500000" && std::stod("6.25e-1") == 0.625
          && std::stoll("-9000000000") == -9000000000LL);
    bool invalid = false, range = false;
    try { std::stoi("forty-two"); } catch (const std::invalid_argument&) { invalid = true; }
    try { std::stoi("99999999999999999999"); } catch (const std::out_of_range&) { range = true; }
    check("stoi errors", invalid && range);
    std::cout << "cout line " << 123 << ' ' << 4.5 << std::endl;
}

static void locales() {
    std::locale c = std::locale::classic();
    check("classic locale", c.name() == "C", c.name());
    std::locale utf8("C.UTF-8");
    check("named locale", utf8.name() == "C.UTF-8", utf8.name());
    const auto& ct = std::use_facet<std::ctype<char>>(c);
    std::string s = "Mixed Case 123";
    ct.toupper(&s[0], &s[0] + s.size());
    check("ctype toupper", s == "MIXED CASE 123", s);
    check("ctype classify", std::isalpha('q', c) && !std::isalpha('7', c) && std::isspace('\t', c));
    const auto& np = std::use_facet<std::numpunct<char>>(c);
    check("numpunct", np.decimal_point() == '.' && np.truename() == "true");
    std::wstring_convert<std::codecvt_utf8<char32_t>, char32_t> utf32;
    std::u32string wide = utf32.from_bytes("h\xc3\xa9llo \xe2\x82\xac \xf0\x9f\x98\x80");
    check("codecvt utf8 decode", wide.size() == 9 && wide[1] == U'\u00e9' && wide[6] == U'\u20ac' && wide[8] == U'\U0001F600');
    check("codecvt utf8 encode", utf32.to_bytes(wide) == "h\xc3\xa9llo \xe2\x82\xac \xf0\x9f\x98\x80");
    std::ostringstream out;
    out.imbue(utf8);
    out << 1234567 << ' ' << 2.5;
    check("imbued stream", out.str() == "1234567 2.5", out.str());
    const auto& coll = std::use_facet<std::collate<char>>(c);
    std::string a = "apple", b = "banana";
    check("collate", coll.compare(a.data(), a.data() + a.size(), b.data(), b.data() + b.size()) < 0);
    std::tm when = {};
    when.tm_year = 123; when.tm_mon = 10; when.tm_mday = 14; when.tm_hour = 22; when.tm_min = 13; when.tm_sec = 20;
    std::ostringstream t;
    t.imbue(c);
    t << std::put_time(&when, "%Y-%m-%d %H:%M:%S");
    check("put_time", t.str() == "2023-11-14 22:13:20", t.str());
    bool bad = false;
    try { std::locale nope("xx_NOPE.UTF-8"); } catch (const std::runtime_error&) { bad = true; }
    check("unknown locale throws", bad);
}

static int throwing_callback(int v) {
    if (v > 10) throw std::out_of_range("callback saw " + std::to_string(v));
    return v * 2;
}

static void exceptions() {
    int code = 0;
    std::string what;
    try {
        shapes::throw_through(8, 77);
    } catch (const shapes::ShapeError& e) {
        code = e.code();
        what = e.what();
    }
    check("throw through frames and a library", code == 77 && what == "thrown 77 frames deep", what);
    check("destructors ran while unwinding", shapes::destroyed_on_the_way() == 9,
          std::to_string(shapes::destroyed_on_the_way()));
    bool as_base = false;
    try { shapes::make("hexagon", 1); } catch (const std::runtime_error& e) { as_base = std::string(e.what()) == "unknown shape hexagon"; }
    check("library exception caught by base class", as_base);
    check("callback without exception", shapes::call_back(throwing_callback, 4) == 9);
    std::string through;
    try { shapes::call_back(throwing_callback, 11); } catch (const std::out_of_range& e) { through = e.what(); }
    check("payload exception through the library", through == "callback saw 11", through);
    int rethrown = 0;
    try {
        try { throw 42; } catch (int) { throw; }
    } catch (int v) { rethrown = v; }
    check("rethrow", rethrown == 42);
    std::exception_ptr saved;
    try { throw std::logic_error("kept"); } catch (...) { saved = std::current_exception(); }
    std::string kept;
    try { std::rethrow_exception(saved); } catch (const std::logic_error& e) { kept = e.what(); }
    check("exception_ptr", kept == "kept", kept);
    std::string outer, inner;
    try {
        try { throw std::runtime_error("inner"); } catch (...) { std::throw_with_nested(std::logic_error("outer")); }
    } catch (const std::logic_error& e) {
        outer = e.what();
        try { std::rethrow_if_nested(e); } catch (const std::runtime_error& n) { inner = n.what(); }
    }
    check("nested exceptions", outer == "outer" && inner == "inner", outer + "/" + inner);
    bool bad_alloc = false;
    volatile size_t huge = static_cast<size_t>(1) << 62;  // ::operator new called directly is never elided
    try { ::operator delete(::operator new(huge)); } catch (const std::bad_alloc&) { bad_alloc = true; }
    check("bad_alloc", bad_alloc);
    int uncaught_inside = -1;
    struct Probe { int* out; ~Probe() { *out = std::uncaught_exceptions(); } };
    try { Probe p{&uncaught_inside}; throw 1; } catch (int) {}
    check("uncaught_exceptions", uncaught_inside == 1, std::to_string(uncaught_inside));
}

static void rtti() {
    std::unique_ptr<shapes::Shape> c = shapes::make("circle", 2.0), s = shapes::make("square", 3.0);
    check("virtual calls", c->name() == "circle" && s->name() == "shape" && s->area() == 9.0);
    check("dynamic_cast across libraries", dynamic_cast<shapes::Circle*>(c.get()) != nullptr
          && dynamic_cast<shapes::Circle*>(s.get()) == nullptr && dynamic_cast<shapes::Square*>(s.get())->side == 3.0);
    check("typeid across libraries", typeid(*c) == typeid(shapes::Circle) && typeid(*s) != typeid(shapes::Circle));
    int status = -1;
    char* demangled = abi::__cxa_demangle(typeid(*c).name(), nullptr, nullptr, &status);
    check("demangle", status == 0 && std::string(demangled) == "shapes::Circle", demangled ? demangled : "null");
    std::free(demangled);
    check("typeid of std types", std::string(typeid(std::string).name()).find("__ndk1") != std::string::npos,
          typeid(std::string).name());
    bool bad_cast = false;
    try { (void) dynamic_cast<shapes::Circle&>(*s); } catch (const std::bad_cast&) { bad_cast = true; }
    check("bad_cast", bad_cast);
}

struct ThreadLocalCounter {
    static std::atomic<int> destroyed;
    int value = 0;
    ~ThreadLocalCounter() { destroyed++; }
};
std::atomic<int> ThreadLocalCounter::destroyed{0};
thread_local ThreadLocalCounter per_thread;

struct MainThreadLocal {
    int touched = 0;
    // Every thread that touches a thread_local of this file constructs them all; only the main thread's speaks.
    ~MainThreadLocal() { if (touched) shapes::note("destroy main thread_local"); }
};
thread_local MainThreadLocal main_thread_local;

static void threads() {
    std::atomic<long> atomic_sum{0};
    long locked_sum = 0;
    std::mutex m;
    std::vector<std::thread> pool;
    for (int t = 0; t < 4; t++) {
        pool.emplace_back([&, t] {
            for (int i = 1; i <= 1000; i++) {
                atomic_sum.fetch_add(i, std::memory_order_relaxed);
                std::lock_guard<std::mutex> lock(m);
                locked_sum += i;
            }
            per_thread.value = t + 1;
        });
    }
    for (auto& th : pool) th.join();
    check("threads with atomic and mutex", atomic_sum == 4 * 500500 && locked_sum == 4 * 500500,
          std::to_string(atomic_sum) + " " + std::to_string(locked_sum));
    check("thread_local destructors", ThreadLocalCounter::destroyed == 4, std::to_string(ThreadLocalCounter::destroyed));

    std::queue<int> items;
    std::condition_variable cv;
    bool done = false;
    long consumed = 0;
    std::thread consumer([&] {
        std::unique_lock<std::mutex> lock(m);
        for (;;) {
            cv.wait(lock, [&] { return !items.empty() || done; });
            while (!items.empty()) { consumed += items.front(); items.pop(); }
            if (done) return;
        }
    });
    for (int i = 1; i <= 100; i++) {
        { std::lock_guard<std::mutex> lock(m); items.push(i); }
        cv.notify_one();
    }
    { std::lock_guard<std::mutex> lock(m); done = true; }
    cv.notify_all();
    consumer.join();
    check("condition_variable", consumed == 5050, std::to_string(consumed));

    std::future<int> answer = std::async(std::launch::async, [] { return 6 * 7; });
    std::promise<std::string> promise;
    std::future<std::string> promised = promise.get_future();
    std::thread setter([&] { promise.set_value("kept"); });
    check("async and promise", answer.get() == 42 && promised.get() == "kept");
    setter.join();
    std::future<int> failing = std::async(std::launch::async, []() -> int { throw std::runtime_error("in a thread"); });
    std::string across;
    try { failing.get(); } catch (const std::runtime_error& e) { across = e.what(); }
    check("exception through a future", across == "in a thread", across);

    std::once_flag once;
    std::atomic<int> calls{0};
    std::vector<std::thread> racers;
    for (int t = 0; t < 3; t++) racers.emplace_back([&] { std::call_once(once, [&] { calls++; }); });
    for (auto& th : racers) th.join();
    std::atomic<int> cas{5};
    int expected = 5;
    bool swapped = cas.compare_exchange_strong(expected, 9);
    check("call_once and compare_exchange", calls == 1 && swapped && cas == 9);
    std::timed_mutex tm;
    tm.lock();
    bool got = std::async(std::launch::async, [&] { return tm.try_lock_for(std::chrono::milliseconds(20)); }).get();
    tm.unlock();
    check("timed_mutex times out", !got);
    main_thread_local.touched = 1;
    check("hardware_concurrency", std::thread::hardware_concurrency() >= 1);
}

static void chrono_and_random() {
    using namespace std::chrono;
    auto start = steady_clock::now();
    std::this_thread::sleep_for(milliseconds(30));
    auto slept = duration_cast<milliseconds>(steady_clock::now() - start).count();
    check("steady_clock and sleep_for", slept >= 30, std::to_string(slept));
    auto since_epoch = duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
    check("system_clock", since_epoch > 1600000000LL, std::to_string(since_epoch));
    check("duration arithmetic", duration_cast<minutes>(hours(2) + seconds(150)).count() == 122);
    std::mt19937 twister;
    twister.discard(9999);
    check("mt19937", twister() == 4123659995u);
    std::random_device device;
    std::set<unsigned> seen;
    for (int i = 0; i < 16; i++) seen.insert(device());
    check("random_device", seen.size() > 8, std::to_string(seen.size()));
    std::mt19937_64 seeded(12345);
    std::uniform_int_distribution<int> dice(1, 6);
    int histogram[7] = {};
    for (int i = 0; i < 6000; i++) histogram[dice(seeded)]++;
    check("uniform distribution", *std::min_element(histogram + 1, histogram + 7) > 850);
}

static void regexes() {
    std::regex date(R"((\d{4})-(\d{2})-(\d{2}))");
    std::smatch m;
    std::string text = "released on 2023-11-14, patched 2024-01-05";
    check("regex_search groups", std::regex_search(text, m, date) && m[1] == "2023" && m[3] == "14");
    auto begin = std::sregex_iterator(text.begin(), text.end(), date);
    check("sregex_iterator", std::distance(begin, std::sregex_iterator()) == 2);
    check("regex_replace", std::regex_replace(text, date, "$3.$2.$1") == "released on 14.11.2023, patched 05.01.2024");
    check("regex_match icase", std::regex_match("HeLLo World", std::regex("hello\\s+world", std::regex::icase)));
    check("regex no match", !std::regex_match("abc", std::regex("a[0-9]c")));
    bool bad = false;
    try { std::regex broken("(unclosed"); } catch (const std::regex_error& e) { bad = e.code() == std::regex_constants::error_paren; }
    check("regex_error", bad);
}

static void filesystem() {
    fs::path root = fs::temp_directory_path() / "cxx_fs";
    std::error_code ec;
    fs::remove_all(root, ec);
    check("temp_directory_path", fs::temp_directory_path() == "/data/local/tmp", fs::temp_directory_path().string());
    check("create_directories", fs::create_directories(root / "a" / "b") && fs::is_directory(root / "a" / "b"));
    { std::ofstream out(root / "a" / "data.txt"); out << "line one\nline two\n"; }
    check("file_size", fs::file_size(root / "a" / "data.txt") == 18);
    std::ifstream in(root / "a" / "data.txt");
    std::string first, second;
    std::getline(in, first);
    std::getline(in, second);
    check("ifstream", first == "line one" && second == "line two");
    fs::copy_file(root / "a" / "data.txt", root / "copy.txt");
    std::ifstream copy(root / "copy.txt");
    std::string copied((std::istreambuf_iterator<char>(copy)), std::istreambuf_iterator<char>());
    check("copy_file", copied == "line one\nline two\n", copied);
    fs::rename(root / "copy.txt", root / "a" / "b" / "moved.txt");
    check("rename", !fs::exists(root / "copy.txt") && fs::exists(root / "a" / "b" / "moved.txt"));
    fs::create_symlink(root / "a" / "data.txt", root / "link");
    check("symlink", fs::is_symlink(root / "link") && fs::read_symlink(root / "link") == root / "a" / "data.txt"
          && fs::canonical(root / "link") == root / "a" / "data.txt");
    std::vector<std::string> names;
    for (const auto& e : fs::recursive_directory_iterator(root)) names.push_back(e.path().lexically_relative(root).string());
    std::sort(names.begin(), names.end());
    std::string listing;
    for (const auto& n : names) listing += n + ";";
    check("recursive_directory_iterator", listing == "a;a/b;a/b/moved.txt;a/data.txt;link;", listing);
    fs::permissions(root / "a" / "data.txt", fs::perms::owner_read);
    check("permissions", (fs::status(root / "a" / "data.txt").permissions() & fs::perms::owner_write) == fs::perms::none);
    auto stamp = fs::file_time_type::clock::now() - std::chrono::hours(24);
    fs::last_write_time(root / "a" / "b" / "moved.txt", stamp);
    auto diff = fs::last_write_time(root / "a" / "b" / "moved.txt") - stamp;
    check("last_write_time", diff < std::chrono::seconds(1) && diff > -std::chrono::seconds(1));
    fs::space_info space = fs::space(root);
    check("space", space.capacity > 0 && space.available <= space.capacity);
    fs::current_path(root / "a");
    check("current_path", fs::current_path() == root / "a" && fs::exists("data.txt"));
    fs::current_path("/");
    bool threw = false;
    try { fs::file_size(root / "missing"); } catch (const fs::filesystem_error& e) { threw = e.code() == std::errc::no_such_file_or_directory; }
    check("filesystem_error", threw);
    check("remove_all", fs::remove_all(root) == 6 && !fs::exists(root));
    check("read-only apk", !fs::create_directory("/mnt/apk/new", ec) && ec == std::errc::read_only_file_system, ec.message());
}

static void containers() {
    std::map<std::string, int> counts;
    std::istringstream words("the quick brown fox jumps over the lazy dog the end");
    for (std::string w; words >> w;) counts[w]++;
    check("map", counts["the"] == 3 && counts.size() == 9);
    std::unordered_map<int, std::string> hashed;
    for (int i = 0; i < 1000; i++) hashed[i * 7919] = std::to_string(i);
    check("unordered_map", hashed.size() == 1000 && hashed[7919 * 500] == "500");
    std::vector<int> v(100);
    std::iota(v.begin(), v.end(), 1);
    std::shuffle(v.begin(), v.end(), std::mt19937(1));
    std::sort(v.begin(), v.end(), std::greater<int>());
    check("sort", v.front() == 100 && v.back() == 1 && std::accumulate(v.begin(), v.end(), 0) == 5050);
    std::function<int(int)> fib = [&](int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); };
    check("std::function", fib(20) == 6765);
    auto shared = std::make_shared<std::string>("shared");
    std::weak_ptr<std::string> weak = shared;
    shared.reset();
    check("weak_ptr", weak.expired());
}

extern "C" int AVmPayload_main() {
    iostreams();
    locales();
    exceptions();
    rtti();
    threads();
    chrono_and_random();
    regexes();
    filesystem();
    containers();
    static Tracer local("function-local static");
    std::cout << "cxx_suite failures=" << failures << std::endl;
    return failures;
}
