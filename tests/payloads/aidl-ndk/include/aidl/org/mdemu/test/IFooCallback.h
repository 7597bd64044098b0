#pragma once

#include <android/binder_interface_utils.h>

#include <android/binder_parcel_utils.h>

namespace aidl {
namespace org {
namespace mdemu {
namespace test {
class IFooCallback : public ::ndk::ICInterface {
public:
  static const char* descriptor;
  IFooCallback();
  virtual ~IFooCallback();


  static const int32_t version = 3;

  static std::shared_ptr<IFooCallback> fromBinder(const ::ndk::SpAIBinder& binder);
  static binder_status_t writeToParcel(AParcel* parcel, const std::shared_ptr<IFooCallback>& instance);
  static binder_status_t readFromParcel(const AParcel* parcel, std::shared_ptr<IFooCallback>* instance);
  static bool setDefaultImpl(std::shared_ptr<IFooCallback> impl);
  static const std::shared_ptr<IFooCallback>& getDefaultImpl();
  virtual ::ndk::ScopedAStatus onValue(int32_t in_value, int32_t* _aidl_return) = 0;
  virtual ::ndk::ScopedAStatus onEvent(const std::string& in_event) = 0;
  virtual ::ndk::ScopedAStatus getInterfaceVersion(int32_t* _aidl_return) = 0;
private:
  static std::shared_ptr<IFooCallback> default_impl;
};
class IFooCallbackDefault : public IFooCallback {
public:
  ::ndk::ScopedAStatus onValue(int32_t in_value, int32_t* _aidl_return) override;
  ::ndk::ScopedAStatus onEvent(const std::string& in_event) override;
  ::ndk::ScopedAStatus getInterfaceVersion(int32_t* _aidl_return) override;
  ::ndk::SpAIBinder asBinder() override;
  bool isRemote() override;
};
}  // namespace test
}  // namespace mdemu
}  // namespace org
}  // namespace aidl
