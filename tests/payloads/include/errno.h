#pragma once
int* __errno(void);
#define errno (*__errno())
#define ENOENT 2
#define EPERM 1
#define EINTR 4
#define EBADF 9
#define ENOMEM 12
#define EACCES 13
#define EFAULT 14
#define EBUSY 16
#define EEXIST 17
#define EXDEV 18
#define ENODEV 19
#define ENOTDIR 20
#define EISDIR 21
#define EINVAL 22
#define EMFILE 24
#define ENOSPC 28
#define EROFS 30
#define ERANGE 34
#define ENOSYS 38
#define ENOTEMPTY 39
#define ESRCH 3
#define ELOOP 40
#define ENOTTY 25
#define EILSEQ 84
#define EAGAIN 11
#define EPIPE 32
#define ENOTSOCK 88
#define ENOPROTOOPT 92
#define ESOCKTNOSUPPORT 94
#define EOPNOTSUPP 95
#define EAFNOSUPPORT 97
#define EADDRINUSE 98
#define EADDRNOTAVAIL 99
#define ENETUNREACH 101
#define ECONNRESET 104
#define EISCONN 106
#define ENOTCONN 107
#define ECONNREFUSED 111
#define EINPROGRESS 115
/* More of asm-generic/errno.h, used by libc_conformance.c and libc_bionic_suite.c. */
#ifndef E2BIG
#define E2BIG 7
#endif
#ifndef EDEADLK
#define EDEADLK 35
#endif
#ifndef ETIMEDOUT
#define ETIMEDOUT 110
#endif
#ifndef ENOTSUP
#define ENOTSUP 95
#endif
