#pragma once

#include "aidl/org/mdemu/test/IFooCallback.h"

#include <android/binder_ibinder.h>

namespace aidl {
namespace org {
namespace mdemu {
namespace test {
class BpFooCallback : public ::ndk::BpCInterface<IFooCallback> {
public:
  BpFooCallback(const ::ndk::SpAIBinder& binder);
  virtual ~BpFooCallback();

  ::ndk::ScopedAStatus onValue(int32_t in_value, int32_t* _aidl_return) override;
  ::ndk::ScopedAStatus onEvent(const std::string& in_event) override;
  ::ndk::ScopedAStatus getInterfaceVersion(int32_t* _aidl_return) override;
  int32_t _aidl_cached_value = -1;
};
}  // namespace test
}  // namespace mdemu
}  // namespace org
}  // namespace aidl
