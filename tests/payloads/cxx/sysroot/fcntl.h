/* bionic's <fcntl.h> for arm64 (generic Linux flag values). */
#pragma once
#include <sys/cdefs.h>
#include <bits/types.h>
#include <sys/stat.h>
__BEGIN_DECLS
#define O_RDONLY 00
#define O_WRONLY 01
#define O_RDWR 02
#define O_ACCMODE 03
#define O_CREAT 0100
#define O_EXCL 0200
#define O_NOCTTY 0400
#define O_TRUNC 01000
#define O_APPEND 02000
#define O_NONBLOCK 04000
#define O_DIRECTORY 040000
#define O_NOFOLLOW 0100000
#define O_CLOEXEC 02000000
#define AT_FDCWD (-100)
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_REMOVEDIR 0x200
#define AT_SYMLINK_FOLLOW 0x400
#define AT_EACCESS 0x200
#define F_GETFD 1
#define F_SETFD 2
#define F_GETFL 3
#define F_SETFL 4
#define FD_CLOEXEC 1
int open(const char*, int, ...);
int openat(int, const char*, int, ...);
int creat(const char*, mode_t);
int fcntl(int, int, ...);
__END_DECLS
