#pragma once
int* __errno(void);
#define errno (*__errno())
#define ENOENT 2
#define EBADF 9
#define EINVAL 22
#define ERANGE 34
#define EILSEQ 84
