/* arm64 (generic) syscall numbers the C++ runtime uses. */
#pragma once
#define __NR_futex 98
#define __NR_gettid 178
#define __NR_getrandom 278
#define SYS_futex __NR_futex
#define SYS_gettid __NR_gettid
#define SYS_getrandom __NR_getrandom
