/* android/dlext.h (bionic), for mdemu's test sysroot. */
#pragma once
#include <stdint.h>
#include <stddef.h>
#include "../stddef_ext.h"
#define ANDROID_DLEXT_RESERVED_ADDRESS 0x1
#define ANDROID_DLEXT_RESERVED_ADDRESS_HINT 0x2
#define ANDROID_DLEXT_WRITE_RELRO 0x4
#define ANDROID_DLEXT_USE_RELRO 0x8
#define ANDROID_DLEXT_USE_LIBRARY_FD 0x10
#define ANDROID_DLEXT_USE_LIBRARY_FD_OFFSET 0x20
#define ANDROID_DLEXT_FORCE_LOAD 0x40
#define ANDROID_DLEXT_USE_NAMESPACE 0x200
struct android_namespace_t;
typedef struct {
  uint64_t flags;
  void* reserved_addr;
  size_t reserved_size;
  int relro_fd;
  int library_fd;
  off_t library_fd_offset;
  struct android_namespace_t* library_namespace;
} android_dlextinfo;
void* android_dlopen_ext(const char* filename, int flags, const android_dlextinfo* extinfo);
