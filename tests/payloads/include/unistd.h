#pragma once
#include "stddef_ext.h"
ssize_t write(int fd, const void* buf, size_t n);
ssize_t read(int fd, void* buf, size_t n);
int close(int fd);
pid_t getpid(void);
pid_t gettid(void);
long syscall(long number, ...);
off_t lseek(int fd, off_t offset, int whence);
int unlink(const char* path);
