// An exception nobody catches: libc++abi's terminate handler sets the abort message (shown in the tombstone), logs it
// through syslog to logcat, and aborts, as on a device.
#include <cstdio>
#include <stdexcept>
#include <string>


static void deeper(int n) {
    if (n == 0) throw std::logic_error("nobody catches this " + std::to_string(42));
    deeper(n - 1);
}

extern "C" int AVmPayload_main() {
    std::printf("about to throw\n");
    std::fflush(stdout);
    deeper(3);
    std::printf("not reached\n");
    return 0;
}
