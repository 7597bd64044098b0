/* The unistd.h, stdio.h, stdlib.h and pty.h process calls of the public NDK API, for mdemu's process payloads. */
#pragma once
#include <sys/types.h>
#include <stdio.h>

#ifndef ENOEXEC
#define ENOEXEC 8
#endif

pid_t getppid(void);
int execve(const char* path, char* const argv[], char* const envp[]);
int execv(const char* path, char* const argv[]);
int execl(const char* path, const char* arg0, ...);
int execlp(const char* file, const char* arg0, ...);
int execvp(const char* file, char* const argv[]);
int execvpe(const char* file, char* const argv[], char* const envp[]);
int fexecve(int fd, char* const argv[], char* const envp[]);
FILE* popen(const char* command, const char* mode);
int pclose(FILE* stream);
int system(const char* command);
int forkpty(int* master, char* name, const void* termp, const void* winp);
