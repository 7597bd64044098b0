#pragma once
int* __errno(void);
#define errno (*__errno())
#define ENOENT 2
#define EPERM 1
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
