/* Common bionic arm64 (LP64) types for mdemu's test sysroot, written from the public API. */
#pragma once
#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>
typedef long ssize_t;
typedef long off_t;
typedef long time_t;
typedef int pid_t;
typedef unsigned int uid_t;
