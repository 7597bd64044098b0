/* A _FORTIFY_SOURCE=2 style overflow: the compiler knows the destination is 4 bytes, bionic's check aborts. */
#include <string.h>

int AVmPayload_main(void) {
  char small[4];
  const char* volatile source = "does not fit";
  __strcpy_chk(small, source, __builtin_object_size(small, 1));
  return small[0];
}
