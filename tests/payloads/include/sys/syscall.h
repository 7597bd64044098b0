#pragma once
/* arm64 (asm-generic) numbers */
#define SYS_write 64
#define SYS_exit_group 94
#define SYS_clock_gettime 113
#define SYS_getpid 172
#define SYS_getrandom 278
