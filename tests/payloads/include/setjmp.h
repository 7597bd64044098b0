#pragma once
typedef long jmp_buf[32];
typedef long sigjmp_buf[33];
int setjmp(jmp_buf env);
void longjmp(jmp_buf env, int value) __attribute__((noreturn));
int sigsetjmp(sigjmp_buf env, int save_mask);
void siglongjmp(sigjmp_buf env, int value) __attribute__((noreturn));
