#pragma once

#include "aidl/org/mdemu/test/IFoo.h"

#include <android/binder_ibinder.h>

namespace aidl {
namespace org {
namespace mdemu {
namespace test {
class BpFoo : public ::ndk::BpCInterface<IFoo> {
public:
  BpFoo(const ::ndk::SpAIBinder& binder);
  virtual ~BpFoo();

  ::ndk::ScopedAStatus negate(bool in_b, bool* _aidl_return) override;
  ::ndk::ScopedAStatus addBytes(int8_t in_a, int8_t in_b, int8_t* _aidl_return) override;
  ::ndk::ScopedAStatus nextChar(char16_t in_c, char16_t* _aidl_return) override;
  ::ndk::ScopedAStatus add(int32_t in_a, int32_t in_b, int32_t* _aidl_return) override;
  ::ndk::ScopedAStatus multiply(int64_t in_a, int64_t in_b, int64_t* _aidl_return) override;
  ::ndk::ScopedAStatus half(float in_f, float* _aidl_return) override;
  ::ndk::ScopedAStatus sqrt(double in_d, double* _aidl_return) override;
  ::ndk::ScopedAStatus echo(const std::string& in_s, std::string* _aidl_return) override;
  ::ndk::ScopedAStatus echoNullable(const std::optional<std::string>& in_s, std::optional<std::string>* _aidl_return) override;
  ::ndk::ScopedAStatus reverseInts(const std::vector<int32_t>& in_values, std::vector<int32_t>* _aidl_return) override;
  ::ndk::ScopedAStatus reverseNullable(const std::optional<std::vector<int32_t>>& in_values, std::optional<std::vector<int32_t>>* _aidl_return) override;
  ::ndk::ScopedAStatus squares(const std::vector<int64_t>& in_values, std::vector<int64_t>* _aidl_return) override;
  ::ndk::ScopedAStatus sortStrings(const std::vector<std::string>& in_values, std::vector<std::string>* _aidl_return) override;
  ::ndk::ScopedAStatus xorBytes(const std::vector<int8_t>& in_data, int8_t in_key, std::vector<int8_t>* _aidl_return) override;
  ::ndk::ScopedAStatus invert(const std::vector<bool>& in_values, std::vector<bool>* _aidl_return) override;
  ::ndk::ScopedAStatus scale(const std::vector<double>& in_values, double in_factor, std::vector<double>* _aidl_return) override;
  ::ndk::ScopedAStatus fill(int32_t in_value, std::vector<int32_t>* out_values) override;
  ::ndk::ScopedAStatus translate(const ::aidl::org::mdemu::test::Point& in_p, int32_t in_dx, int32_t in_dy, ::aidl::org::mdemu::test::Point* _aidl_return) override;
  ::ndk::ScopedAStatus mirror(const std::vector<::aidl::org::mdemu::test::Point>& in_points, std::vector<::aidl::org::mdemu::test::Point>* _aidl_return) override;
  ::ndk::ScopedAStatus shapeOf(const std::vector<::aidl::org::mdemu::test::Point>& in_points, int32_t* _aidl_return) override;
  ::ndk::ScopedAStatus record(int32_t in_value) override;
  ::ndk::ScopedAStatus recorded(std::vector<int32_t>* _aidl_return) override;
  ::ndk::ScopedAStatus callBack(const std::shared_ptr<::aidl::org::mdemu::test::IFooCallback>& in_callback, int32_t in_value, int32_t* _aidl_return) override;
  ::ndk::ScopedAStatus registerCallback(const std::shared_ptr<::aidl::org::mdemu::test::IFooCallback>& in_callback) override;
  ::ndk::ScopedAStatus notifyCallbacks(const std::string& in_event) override;
  ::ndk::ScopedAStatus openSession(const std::string& in_name, std::shared_ptr<::aidl::org::mdemu::test::IFooSession>* _aidl_return) override;
  ::ndk::ScopedAStatus fail(int32_t in_errorCode, const std::string& in_message) override;
  ::ndk::ScopedAStatus getInterfaceVersion(int32_t* _aidl_return) override;
  int32_t _aidl_cached_value = -1;
};
}  // namespace test
}  // namespace mdemu
}  // namespace org
}  // namespace aidl
