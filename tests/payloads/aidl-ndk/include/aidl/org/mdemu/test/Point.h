#pragma once
#include <android/binder_interface_utils.h>

#include <android/binder_parcel_utils.h>
namespace aidl {
namespace org {
namespace mdemu {
namespace test {
class Point {
public:
  static const char* descriptor;

  int32_t x;
  int32_t y;
  std::optional<std::string> label;
  std::vector<int64_t> tags;

  binder_status_t readFromParcel(const AParcel* parcel);
  binder_status_t writeToParcel(AParcel* parcel) const;
};
}  // namespace test
}  // namespace mdemu
}  // namespace org
}  // namespace aidl
