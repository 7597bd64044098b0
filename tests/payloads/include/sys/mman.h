#pragma once
#include <sys/types.h>
#define PROT_NONE 0
#define PROT_READ 1
#define PROT_WRITE 2
#define MAP_SHARED 0x01
#define MAP_PRIVATE 0x02
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20
#define MAP_FAILED ((void*) -1)
#define MREMAP_MAYMOVE 1
#define MS_ASYNC 1
#define MS_SYNC 4
#define MCL_CURRENT 1
#define MADV_DONTNEED 4
void* mmap(void* addr, size_t length, int prot, int flags, int fd, off_t offset);
int munmap(void* addr, size_t length);
int mprotect(void* addr, size_t length, int prot);
void* mremap(void* old_addr, size_t old_size, size_t new_size, int flags, ...);
int msync(void* addr, size_t length, int flags);
int madvise(void* addr, size_t length, int advice);
int mlock(const void* addr, size_t length);
int munlock(const void* addr, size_t length);
int mlockall(int flags);
int munlockall(void);
