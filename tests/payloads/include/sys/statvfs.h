#pragma once
#include <sys/types.h>
struct statvfs {
  unsigned long f_bsize;
  unsigned long f_frsize;
  uint64_t f_blocks;
  uint64_t f_bfree;
  uint64_t f_bavail;
  uint64_t f_files;
  uint64_t f_ffree;
  uint64_t f_favail;
  unsigned long f_fsid;
  unsigned long f_flag;
  unsigned long f_namemax;
  uint32_t __f_reserved[6];
};
#define ST_RDONLY 1
int statvfs(const char* path, struct statvfs* buf);
int fstatvfs(int fd, struct statvfs* buf);
