/* struct statfs of LP64 bionic: every field 64-bit. */
#pragma once
#include <sys/types.h>
typedef struct { int __val[2]; } fsid_t;
struct statfs {
  uint64_t f_type;
  uint64_t f_bsize;
  uint64_t f_blocks;
  uint64_t f_bfree;
  uint64_t f_bavail;
  uint64_t f_files;
  uint64_t f_ffree;
  fsid_t f_fsid;
  uint64_t f_namelen;
  uint64_t f_frsize;
  uint64_t f_flags;
  uint64_t f_spare[4];
};
#define TMPFS_MAGIC 0x01021994
int statfs(const char* path, struct statfs* buf);
int fstatfs(int fd, struct statfs* buf);
