#pragma once

#include "aidl/org/mdemu/test/IFooSession.h"

#include <android/binder_ibinder.h>

namespace aidl {
namespace org {
namespace mdemu {
namespace test {
class BpFooSession : public ::ndk::BpCInterface<IFooSession> {
public:
  BpFooSession(const ::ndk::SpAIBinder& binder);
  virtual ~BpFooSession();

  ::ndk::ScopedAStatus name(std::string* _aidl_return) override;
  ::ndk::ScopedAStatus increment(int32_t* _aidl_return) override;
  ::ndk::ScopedAStatus getInterfaceVersion(int32_t* _aidl_return) override;
  int32_t _aidl_cached_value = -1;
};
}  // namespace test
}  // namespace mdemu
}  // namespace org
}  // namespace aidl
