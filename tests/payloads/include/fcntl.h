#pragma once
#define O_RDONLY 0
#define O_WRONLY 1
#define O_CREAT 0100
#define O_TRUNC 01000
int open(const char* path, int flags, ...);
/* The rest of fcntl.h for arm64 (asm-generic values except the O_DIRECTORY group, which arm64 moves). */
#define O_RDWR 2
#define O_ACCMODE 3
#define O_EXCL 0200
#define O_APPEND 02000
#define O_NONBLOCK 04000
#define O_DIRECTORY 040000
#define O_NOFOLLOW 0100000
#define O_CLOEXEC 02000000
#define AT_FDCWD (-100)
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_REMOVEDIR 0x200
#define AT_EMPTY_PATH 0x1000
#define F_DUPFD 0
#define F_GETFD 1
#define F_SETFD 2
#define F_GETFL 3
#define F_SETFL 4
#define F_DUPFD_CLOEXEC 1030
#define FD_CLOEXEC 1
int openat(int dirfd, const char* path, int flags, ...);
int creat(const char* path, unsigned mode);
int fcntl(int fd, int cmd, ...);
#define F_GETLK 5
#define F_SETLK 6
#define F_SETLKW 7
#define F_RDLCK 0
#define F_WRLCK 1
#define F_UNLCK 2
struct flock { short l_type; short l_whence; long l_start; long l_len; int l_pid; };
#define AT_SYMLINK_FOLLOW 0x400
#define FALLOC_FL_KEEP_SIZE 1
#define FALLOC_FL_PUNCH_HOLE 2
#define POSIX_FADV_SEQUENTIAL 2
int fallocate(int fd, int mode, long offset, long length);
int posix_fallocate(int fd, long offset, long length);
int posix_fadvise(int fd, long offset, long length, int advice);
#define F_GETPIPE_SZ 1032
