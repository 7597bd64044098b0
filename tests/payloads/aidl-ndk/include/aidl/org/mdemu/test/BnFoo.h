#pragma once

#include "aidl/org/mdemu/test/IFoo.h"

#include <android/binder_ibinder.h>

namespace aidl {
namespace org {
namespace mdemu {
namespace test {
class BnFoo : public ::ndk::BnCInterface<IFoo> {
public:
  BnFoo();
  virtual ~BnFoo();
  ::ndk::ScopedAStatus getInterfaceVersion(int32_t* _aidl_return) final override;
protected:
  ::ndk::SpAIBinder createBinder() override;
private:
};
}  // namespace test
}  // namespace mdemu
}  // namespace org
}  // namespace aidl
