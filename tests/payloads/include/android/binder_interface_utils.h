/*
 * libbinder_ndk's C++ base classes for AIDL's NDK backend, written by mdemu from the public NDK API
 * (binder_interface_utils.h): SharedRefBase (objects owned through std::shared_ptr, made with make<T>),
 * ICInterface (an interface with its binder), BnCInterface (the local object, whose AIBinder holds a reference to
 * it while it lives) and BpCInterface (a proxy for a remote binder).
 */
#pragma once
#include <android/binder_auto_utils.h>
#include <android/binder_ibinder.h>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <utility>

namespace ndk {

/** An object that must be owned by std::shared_ptr: made with make<T>(...), shared with ref<T>(). */
class SharedRefBase {
  public:
    SharedRefBase() {}
    virtual ~SharedRefBase() {
        std::call_once(mFlagThis, []() {});
    }

    /** The shared_ptr owning this object (made on the first call when the object was not made by make). */
    template <typename T = SharedRefBase>
    std::shared_ptr<T> ref() {
        std::shared_ptr<SharedRefBase> thiz = mThis.lock();
        std::call_once(mFlagThis, [&]() { mThis = thiz = std::shared_ptr<SharedRefBase>(this); });
        return std::static_pointer_cast<T>(thiz);
    }

    template <typename T = SharedRefBase>
    std::shared_ptr<const T> ref() const {
        return const_cast<SharedRefBase*>(this)->ref<T>();
    }

    /** Makes a T owned by a shared_ptr; T's constructor may be protected if T befriends SharedRefBase. */
    template <class T, class... Args>
    static std::shared_ptr<T> make(Args&&... args) {
        T* t = new T(std::forward<Args>(args)...);
        return t->template ref<T>();
    }

  private:
    std::once_flag mFlagThis;
    std::weak_ptr<SharedRefBase> mThis;
};

/** An AIDL interface (the NDK backend's IFoo derives from it). */
class ICInterface : public SharedRefBase {
  public:
    ICInterface() {}
    virtual ~ICInterface() {}

    /** The binder of this interface: the local object's AIBinder, or the proxy's remote binder. */
    virtual SpAIBinder asBinder() = 0;
    virtual bool isRemote() = 0;
    virtual binder_status_t dump(int /*fd*/, const char** /*args*/, uint32_t /*numArgs*/) { return STATUS_OK; }

    /** The class of an interface, whose objects' user data keeps the interface alive (AIBinder_Class_define). */
    static inline AIBinder_Class* defineClass(const char* interfaceDescriptor, AIBinder_Class_onTransact onTransact);

    /** The local interface object behind a binder of this process, or null (a proxy, or another class). */
    static inline std::shared_ptr<ICInterface> asInterface(AIBinder* binder);

  private:
    /** The user data of a local AIBinder: a strong reference to its interface object. */
    class ICInterfaceData {
      public:
        std::shared_ptr<ICInterface> interface;

        static inline std::shared_ptr<ICInterface> getInterface(AIBinder* binder);
        static inline void* onCreate(void* args);
        static inline void onDestroy(void* userData);
    };
};

/** The local side of an interface: the AIBinder is made on first use and kept weakly. */
template <typename INTERFACE>
class BnCInterface : public INTERFACE {
  public:
    BnCInterface() {}
    virtual ~BnCInterface() {}

    SpAIBinder asBinder() override final;
    bool isRemote() override final { return false; }

  protected:
    /** AIBinder_new(the interface's class, this): made by the generated BnFoo. */
    virtual SpAIBinder createBinder() = 0;

  private:
    std::mutex mMutex;
    ScopedAIBinder_Weak mWeakBinder;
};

/** The remote side of an interface: a proxy holding the remote binder. */
template <typename INTERFACE>
class BpCInterface : public INTERFACE {
  public:
    explicit BpCInterface(const SpAIBinder& binder) : mBinder(binder) {}
    virtual ~BpCInterface() {}

    SpAIBinder asBinder() override final { return mBinder; }
    bool isRemote() override final { return AIBinder_isRemote(mBinder.get()); }

  private:
    SpAIBinder mBinder;
};

AIBinder_Class* ICInterface::defineClass(const char* interfaceDescriptor, AIBinder_Class_onTransact onTransact) {
    return AIBinder_Class_define(interfaceDescriptor, ICInterfaceData::onCreate, ICInterfaceData::onDestroy,
                                 onTransact);
}

std::shared_ptr<ICInterface> ICInterface::asInterface(AIBinder* binder) {
    return ICInterfaceData::getInterface(binder);
}

std::shared_ptr<ICInterface> ICInterface::ICInterfaceData::getInterface(AIBinder* binder) {
    if (binder == nullptr) return nullptr;
    void* userData = AIBinder_getUserData(binder);
    if (userData == nullptr) return nullptr;
    return static_cast<ICInterfaceData*>(userData)->interface;
}

void* ICInterface::ICInterfaceData::onCreate(void* args) {
    std::shared_ptr<ICInterface> interface = static_cast<ICInterface*>(args)->ref<ICInterface>();
    return static_cast<void*>(new ICInterfaceData{interface});
}

void ICInterface::ICInterfaceData::onDestroy(void* userData) {
    delete static_cast<ICInterfaceData*>(userData);
}

template <typename INTERFACE>
SpAIBinder BnCInterface<INTERFACE>::asBinder() {
    std::lock_guard<std::mutex> lock(mMutex);
    SpAIBinder binder;
    if (mWeakBinder.get() != nullptr) binder.set(AIBinder_Weak_promote(mWeakBinder.get()));
    if (binder.get() == nullptr) {
        binder = createBinder();
        mWeakBinder.set(AIBinder_Weak_new(binder.get()));
    }
    return binder;
}

}  // namespace ndk
