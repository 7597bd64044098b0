#pragma once
#include <sys/cdefs.h>
#include <bits/types.h>
__BEGIN_DECLS
struct statvfs {
  unsigned long f_bsize; unsigned long f_frsize; fsblkcnt_t f_blocks; fsblkcnt_t f_bfree; fsblkcnt_t f_bavail;
  fsfilcnt_t f_files; fsfilcnt_t f_ffree; fsfilcnt_t f_favail; unsigned long f_fsid; unsigned long f_flag;
  unsigned long f_namemax; uint32_t __f_reserved[6];
};
int statvfs(const char*, struct statvfs*);
int fstatvfs(int, struct statvfs*);
__END_DECLS
