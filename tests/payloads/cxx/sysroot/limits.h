/* POSIX limits bionic defines beyond the compiler's <limits.h>. */
#pragma once
#include_next <limits.h>
#define PATH_MAX 4096
#define NAME_MAX 255
#define PIPE_BUF 4096
#define IOV_MAX 1024
#define SSIZE_MAX LONG_MAX
#undef MB_LEN_MAX
#define MB_LEN_MAX 4
