// IFoo (tests/payloads/aidl) served by a C++ payload on the NDK backend, as an AVF app's payload serves its AIDL
// interface: BnFoo implemented here, made with ndk::SharedRefBase::make and served on vsock port 5681 with
// AVmPayload_runVsockRpcServer. Method for method it agrees with the host's Java reference (JavaFoo in the tests);
// notifyCallbacks hands the events to a payload thread of its own, which calls the host back after the call.
#include <aidl/org/mdemu/test/BnFoo.h>
#include <aidl/org/mdemu/test/BnFooSession.h>
#include <aidl/org/mdemu/test/IFooCallback.h>
#include <android/log.h>
#include <vm_payload.h>
#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using aidl::org::mdemu::test::BnFoo;
using aidl::org::mdemu::test::BnFooSession;
using aidl::org::mdemu::test::IFoo;
using aidl::org::mdemu::test::IFooCallback;
using aidl::org::mdemu::test::IFooSession;
using aidl::org::mdemu::test::Point;
using ndk::ScopedAStatus;

namespace {

constexpr uint32_t kPort = 5681;
constexpr const char* kTag = "aidl_foo";

class FooSession : public BnFooSession {
  public:
    explicit FooSession(std::string name) : mName(std::move(name)) {}
    ScopedAStatus name(std::string* out) override {
        *out = mName;
        return ScopedAStatus::ok();
    }
    ScopedAStatus increment(int32_t* out) override {
        std::lock_guard<std::mutex> lock(mMutex);
        *out = ++mCount;
        return ScopedAStatus::ok();
    }

  private:
    const std::string mName;
    std::mutex mMutex;
    int32_t mCount = 0;
};

// Calls registered callbacks from a payload thread of its own, outside any call of the host, in the order the
// events were posted (one thread, and oneway calls to one binder keep their order).
class Notifier {
  public:
    void post(std::vector<std::shared_ptr<IFooCallback>> targets, std::string event) {
        std::lock_guard<std::mutex> lock(mMutex);
        mQueue.push_back(Event{std::move(targets), std::move(event)});
        if (!mStarted) {
            mStarted = true;
            std::thread([this] { run(); }).detach();
        }
        mChanged.notify_one();
    }

  private:
    struct Event {
        std::vector<std::shared_ptr<IFooCallback>> targets;
        std::string text;
    };

    [[noreturn]] void run() {
        for (;;) {
            std::unique_lock<std::mutex> lock(mMutex);
            mChanged.wait(lock, [this] { return !mQueue.empty(); });
            Event e = std::move(mQueue.front());
            mQueue.pop_front();
            lock.unlock();
            for (const auto& c : e.targets) {
                ScopedAStatus s = c->onEvent(e.text);
                if (!s.isOk()) __android_log_print(ANDROID_LOG_WARN, kTag, "onEvent: %s", s.getDescription().c_str());
            }
        }
    }

    std::mutex mMutex;
    std::condition_variable mChanged;
    std::deque<Event> mQueue;
    bool mStarted = false;
};

class Foo : public BnFoo {
  public:
    ScopedAStatus negate(bool b, bool* out) override { *out = !b; return ScopedAStatus::ok(); }
    ScopedAStatus addBytes(int8_t a, int8_t b, int8_t* out) override {
        *out = static_cast<int8_t>(a + b);
        return ScopedAStatus::ok();
    }
    ScopedAStatus nextChar(char16_t c, char16_t* out) override {
        *out = static_cast<char16_t>(c + 1);
        return ScopedAStatus::ok();
    }
    ScopedAStatus add(int32_t a, int32_t b, int32_t* out) override {
        *out = static_cast<int32_t>(static_cast<uint32_t>(a) + static_cast<uint32_t>(b));
        __android_log_print(ANDROID_LOG_INFO, kTag, "served add");
        return ScopedAStatus::ok();
    }
    ScopedAStatus multiply(int64_t a, int64_t b, int64_t* out) override {
        *out = static_cast<int64_t>(static_cast<uint64_t>(a) * static_cast<uint64_t>(b));
        return ScopedAStatus::ok();
    }
    ScopedAStatus half(float f, float* out) override { *out = f / 2; return ScopedAStatus::ok(); }
    ScopedAStatus sqrt(double d, double* out) override { *out = std::sqrt(d); return ScopedAStatus::ok(); }
    ScopedAStatus echo(const std::string& s, std::string* out) override { *out = s; return ScopedAStatus::ok(); }
    ScopedAStatus echoNullable(const std::optional<std::string>& s, std::optional<std::string>* out) override {
        *out = s;
        return ScopedAStatus::ok();
    }

    ScopedAStatus reverseInts(const std::vector<int32_t>& values, std::vector<int32_t>* out) override {
        out->assign(values.rbegin(), values.rend());
        return ScopedAStatus::ok();
    }
    ScopedAStatus reverseNullable(const std::optional<std::vector<int32_t>>& values,
                                  std::optional<std::vector<int32_t>>* out) override {
        if (!values) {
            *out = std::nullopt;
        } else {
            *out = std::vector<int32_t>(values->rbegin(), values->rend());
        }
        return ScopedAStatus::ok();
    }
    ScopedAStatus squares(const std::vector<int64_t>& values, std::vector<int64_t>* out) override {
        out->clear();
        for (int64_t v : values) out->push_back(v * v);
        return ScopedAStatus::ok();
    }
    ScopedAStatus sortStrings(const std::vector<std::string>& values, std::vector<std::string>* out) override {
        *out = values;
        std::sort(out->begin(), out->end());
        return ScopedAStatus::ok();
    }
    ScopedAStatus xorBytes(const std::vector<int8_t>& data, int8_t key, std::vector<int8_t>* out) override {
        out->clear();
        for (int8_t b : data) out->push_back(static_cast<int8_t>(b ^ key));
        return ScopedAStatus::ok();
    }
    ScopedAStatus invert(const std::vector<bool>& values, std::vector<bool>* out) override {
        out->clear();
        for (bool b : values) out->push_back(!b);
        return ScopedAStatus::ok();
    }
    ScopedAStatus scale(const std::vector<double>& values, double factor, std::vector<double>* out) override {
        out->clear();
        for (double v : values) out->push_back(v * factor);
        return ScopedAStatus::ok();
    }
    ScopedAStatus fill(int32_t value, std::vector<int32_t>* values) override {
        std::fill(values->begin(), values->end(), value);
        return ScopedAStatus::ok();
    }

    ScopedAStatus translate(const Point& p, int32_t dx, int32_t dy, Point* out) override {
        *out = p;
        out->x = p.x + dx;
        out->y = p.y + dy;
        return ScopedAStatus::ok();
    }
    ScopedAStatus mirror(const std::vector<Point>& points, std::vector<Point>* out) override {
        out->clear();
        for (const Point& p : points) {
            Point m = p;
            m.x = -p.x;
            m.y = -p.y;
            out->push_back(m);
        }
        return ScopedAStatus::ok();
    }
    ScopedAStatus shapeOf(const std::vector<Point>& points, int32_t* out) override {
        switch (points.size()) {
            case 0:
                return ScopedAStatus::fromServiceSpecificErrorWithMessage(IFoo::ERROR_REFUSED, "no points, no shape");
            case 1: *out = IFoo::SHAPE_POINT; break;
            case 2: *out = IFoo::SHAPE_LINE; break;
            default: *out = IFoo::SHAPE_POLYGON; break;
        }
        return ScopedAStatus::ok();
    }

    ScopedAStatus record(int32_t value) override {
        std::lock_guard<std::mutex> lock(mMutex);
        mRecorded.push_back(value);
        return ScopedAStatus::ok();
    }
    ScopedAStatus recorded(std::vector<int32_t>* out) override {
        std::lock_guard<std::mutex> lock(mMutex);
        *out = mRecorded;
        return ScopedAStatus::ok();
    }

    ScopedAStatus callBack(const std::shared_ptr<IFooCallback>& callback, int32_t value, int32_t* out) override {
        if (!callback) return ScopedAStatus::fromExceptionCode(EX_NULL_POINTER);
        int32_t answer = 0;
        ScopedAStatus s = callback->onValue(value, &answer);
        if (!s.isOk()) return s;
        *out = answer + 1;
        return ScopedAStatus::ok();
    }
    ScopedAStatus registerCallback(const std::shared_ptr<IFooCallback>& callback) override {
        if (!callback) return ScopedAStatus::fromExceptionCode(EX_NULL_POINTER);
        std::lock_guard<std::mutex> lock(mMutex);
        mCallbacks.push_back(callback);
        return ScopedAStatus::ok();
    }
    ScopedAStatus notifyCallbacks(const std::string& event) override {
        std::vector<std::shared_ptr<IFooCallback>> callbacks;
        {
            std::lock_guard<std::mutex> lock(mMutex);
            callbacks = mCallbacks;
        }
        mNotifier.post(std::move(callbacks), event);
        return ScopedAStatus::ok();
    }

    ScopedAStatus openSession(const std::string& name, std::shared_ptr<IFooSession>* out) override {
        *out = ndk::SharedRefBase::make<FooSession>(name);
        return ScopedAStatus::ok();
    }

    ScopedAStatus fail(int32_t errorCode, const std::string& message) override {
        return ScopedAStatus::fromServiceSpecificErrorWithMessage(errorCode, message.c_str());
    }

  private:
    std::mutex mMutex;
    std::vector<int32_t> mRecorded;
    std::vector<std::shared_ptr<IFooCallback>> mCallbacks;
    Notifier mNotifier;
};

void onReady(void*) {
    __android_log_print(ANDROID_LOG_INFO, kTag, "serving %s on vsock port %u", IFoo::descriptor, kPort);
    AVmPayload_notifyPayloadReady();
}

}  // namespace

extern "C" int AVmPayload_main() {
    std::shared_ptr<Foo> foo = ndk::SharedRefBase::make<Foo>();
    AVmPayload_runVsockRpcServer(foo->asBinder().get(), kPort, onReady, nullptr);
    return 0;
}
