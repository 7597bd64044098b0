#pragma once
#include <sys/cdefs.h>
__BEGIN_DECLS
typedef long jmp_buf[32];
typedef long sigjmp_buf[32 + 1];
int setjmp(jmp_buf) __attribute__((__returns_twice__));
__noreturn void longjmp(jmp_buf, int);
int sigsetjmp(sigjmp_buf, int) __attribute__((__returns_twice__));
__noreturn void siglongjmp(sigjmp_buf, int);
__END_DECLS
