#pragma once

#include <android/binder_interface_utils.h>

#include <android/binder_parcel_utils.h>

namespace aidl {
namespace org {
namespace mdemu {
namespace test {
class IFooSession : public ::ndk::ICInterface {
public:
  static const char* descriptor;
  IFooSession();
  virtual ~IFooSession();


  static const int32_t version = 3;

  static std::shared_ptr<IFooSession> fromBinder(const ::ndk::SpAIBinder& binder);
  static binder_status_t writeToParcel(AParcel* parcel, const std::shared_ptr<IFooSession>& instance);
  static binder_status_t readFromParcel(const AParcel* parcel, std::shared_ptr<IFooSession>* instance);
  static bool setDefaultImpl(std::shared_ptr<IFooSession> impl);
  static const std::shared_ptr<IFooSession>& getDefaultImpl();
  virtual ::ndk::ScopedAStatus name(std::string* _aidl_return) = 0;
  virtual ::ndk::ScopedAStatus increment(int32_t* _aidl_return) = 0;
  virtual ::ndk::ScopedAStatus getInterfaceVersion(int32_t* _aidl_return) = 0;
private:
  static std::shared_ptr<IFooSession> default_impl;
};
class IFooSessionDefault : public IFooSession {
public:
  ::ndk::ScopedAStatus name(std::string* _aidl_return) override;
  ::ndk::ScopedAStatus increment(int32_t* _aidl_return) override;
  ::ndk::ScopedAStatus getInterfaceVersion(int32_t* _aidl_return) override;
  ::ndk::SpAIBinder asBinder() override;
  bool isRemote() override;
};
}  // namespace test
}  // namespace mdemu
}  // namespace org
}  // namespace aidl
