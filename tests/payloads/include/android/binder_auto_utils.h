/*
 * libbinder_ndk's C++ owners of NDK objects, written by mdemu from the public NDK API (binder_auto_utils.h):
 * SpAIBinder holds a strong reference; ScopedAParcel, ScopedAStatus, ScopedAIBinder_Weak,
 * ScopedAIBinder_DeathRecipient and ScopedFileDescriptor delete what they own.
 */
#pragma once
#include <android/binder_ibinder.h>
#include <android/binder_parcel.h>
#include <android/binder_status.h>
#include <unistd.h>
#include <cstddef>
#include <string>

namespace ndk {

/** A strong reference to an AIBinder (AIBinder_incStrong on copy, AIBinder_decStrong on release). */
class SpAIBinder {
  public:
    SpAIBinder() : mBinder(nullptr) {}
    /** Takes over a reference the caller already owns. */
    explicit SpAIBinder(AIBinder* binder) : mBinder(binder) {}
    SpAIBinder(std::nullptr_t) : SpAIBinder() {}
    SpAIBinder(const SpAIBinder& other) { *this = other; }
    SpAIBinder(SpAIBinder&& other) noexcept : mBinder(other.release()) {}
    ~SpAIBinder() { set(nullptr); }

    SpAIBinder& operator=(const SpAIBinder& other) {
        if (this == &other) return *this;
        AIBinder_incStrong(other.mBinder);
        set(other.mBinder);
        return *this;
    }
    SpAIBinder& operator=(SpAIBinder&& other) noexcept {
        set(other.release());
        return *this;
    }

    /** Replaces the binder, releasing the one held. */
    void set(AIBinder* binder) {
        AIBinder* old = mBinder;
        mBinder = binder;
        if (old != nullptr) AIBinder_decStrong(old);
    }
    AIBinder* get() const { return mBinder; }
    /** Gives up ownership without releasing. */
    AIBinder* release() {
        AIBinder* b = mBinder;
        mBinder = nullptr;
        return b;
    }
    /**
     * For out-parameters, as the NDK's: the held binder is NOT released (a callee that replaces it owns the old
     * value; generated code passes a prepared parcel through getR() and expects it to be there).
     */
    AIBinder** getR() { return &mBinder; }

    bool operator==(const SpAIBinder& rhs) const { return get() == rhs.get(); }
    bool operator!=(const SpAIBinder& rhs) const { return get() != rhs.get(); }
    bool operator<(const SpAIBinder& rhs) const { return get() < rhs.get(); }
    bool operator<=(const SpAIBinder& rhs) const { return get() <= rhs.get(); }
    bool operator>(const SpAIBinder& rhs) const { return get() > rhs.get(); }
    bool operator>=(const SpAIBinder& rhs) const { return get() >= rhs.get(); }

  private:
    AIBinder* mBinder = nullptr;
};

namespace impl {

/** Owns one T, destroyed with Destroy unless it is the DEFAULT value. Movable, not copyable. */
template <typename T, void (*Destroy)(T), T DEFAULT>
class ScopedAResource {
  public:
    explicit ScopedAResource(T t = DEFAULT) : mT(t) {}
    ~ScopedAResource() { set(DEFAULT); }
    ScopedAResource(const ScopedAResource&) = delete;
    ScopedAResource& operator=(const ScopedAResource&) = delete;
    ScopedAResource(ScopedAResource&& other) noexcept : mT(std::move(other.mT)) { other.mT = DEFAULT; }
    ScopedAResource& operator=(ScopedAResource&& other) noexcept {
        set(other.release());
        return *this;
    }

    void set(T t) {
        T old = mT;
        mT = t;
        if (old != DEFAULT) Destroy(old);
    }
    T get() const { return mT; }
    T release() {
        T t = mT;
        mT = DEFAULT;
        return t;
    }
    /**
     * The held value's address, for in/out parameters as the NDK's: nothing is destroyed (AIDL's generated
     * proxies hand AIBinder_transact the parcel AIBinder_prepareTransaction put here).
     */
    T* getR() { return &mT; }

    bool operator==(const ScopedAResource& rhs) const { return mT == rhs.mT; }
    bool operator!=(const ScopedAResource& rhs) const { return mT != rhs.mT; }

  private:
    T mT;
};

inline void closeFd(int fd) {
    ::close(fd);
}

}  // namespace impl

class ScopedAParcel : public impl::ScopedAResource<AParcel*, AParcel_delete, nullptr> {
  public:
    explicit ScopedAParcel(AParcel* a = nullptr) : ScopedAResource(a) {}
    ScopedAParcel(ScopedAParcel&&) = default;
    ScopedAParcel& operator=(ScopedAParcel&&) = default;
};

/** An AIDL call's outcome: OK, an exception (EX_*), a service-specific error, or a transport status. */
class ScopedAStatus : public impl::ScopedAResource<AStatus*, AStatus_delete, nullptr> {
  public:
    explicit ScopedAStatus(AStatus* a = nullptr) : ScopedAResource(a) {}
    ScopedAStatus(ScopedAStatus&&) = default;
    ScopedAStatus& operator=(ScopedAStatus&&) = default;

    /** As the NDK's: a status never set (null) is not OK. */
    bool isOk() const { return get() != nullptr && AStatus_isOk(get()); }
    binder_exception_t getExceptionCode() const { return AStatus_getExceptionCode(get()); }
    int32_t getServiceSpecificError() const { return AStatus_getServiceSpecificError(get()); }
    binder_status_t getStatus() const { return AStatus_getStatus(get()); }
    const char* getMessage() const { return AStatus_getMessage(get()); }
    std::string getDescription() const {
        const char* d = AStatus_getDescription(get());
        std::string s(d);
        AStatus_deleteDescription(d);
        return s;
    }

    static ScopedAStatus ok() { return ScopedAStatus(AStatus_newOk()); }
    static ScopedAStatus fromExceptionCode(binder_exception_t exception) {
        return ScopedAStatus(AStatus_fromExceptionCode(exception));
    }
    static ScopedAStatus fromExceptionCodeWithMessage(binder_exception_t exception, const char* message) {
        return ScopedAStatus(AStatus_fromExceptionCodeWithMessage(exception, message));
    }
    static ScopedAStatus fromServiceSpecificError(int32_t serviceSpecific) {
        return ScopedAStatus(AStatus_fromServiceSpecificError(serviceSpecific));
    }
    static ScopedAStatus fromServiceSpecificErrorWithMessage(int32_t serviceSpecific, const char* message) {
        return ScopedAStatus(AStatus_fromServiceSpecificErrorWithMessage(serviceSpecific, message));
    }
    static ScopedAStatus fromStatus(binder_status_t status) { return ScopedAStatus(AStatus_fromStatus(status)); }
};

class ScopedAIBinder_DeathRecipient
    : public impl::ScopedAResource<AIBinder_DeathRecipient*, AIBinder_DeathRecipient_delete, nullptr> {
  public:
    explicit ScopedAIBinder_DeathRecipient(AIBinder_DeathRecipient* a = nullptr) : ScopedAResource(a) {}
    ScopedAIBinder_DeathRecipient(ScopedAIBinder_DeathRecipient&&) = default;
    ScopedAIBinder_DeathRecipient& operator=(ScopedAIBinder_DeathRecipient&&) = default;
};

class ScopedAIBinder_Weak : public impl::ScopedAResource<AIBinder_Weak*, AIBinder_Weak_delete, nullptr> {
  public:
    explicit ScopedAIBinder_Weak(AIBinder_Weak* a = nullptr) : ScopedAResource(a) {}
    ScopedAIBinder_Weak(ScopedAIBinder_Weak&&) = default;
    ScopedAIBinder_Weak& operator=(ScopedAIBinder_Weak&&) = default;
    /** A strong reference if the object still lives, else a null SpAIBinder. */
    SpAIBinder promote() const { return SpAIBinder(AIBinder_Weak_promote(get())); }
};

class ScopedFileDescriptor : public impl::ScopedAResource<int, impl::closeFd, -1> {
  public:
    explicit ScopedFileDescriptor(int a = -1) : ScopedAResource(a) {}
    ScopedFileDescriptor(ScopedFileDescriptor&&) = default;
    ScopedFileDescriptor& operator=(ScopedFileDescriptor&&) = default;
};

}  // namespace ndk
