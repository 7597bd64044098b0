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
/* File I/O, names and directories (bionic unistd.h, LP64). */
#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
ssize_t pread(int fd, void* buf, size_t n, off_t offset);
ssize_t pwrite(int fd, const void* buf, size_t n, off_t offset);
ssize_t pread64(int fd, void* buf, size_t n, off_t offset);
ssize_t pwrite64(int fd, const void* buf, size_t n, off_t offset);
int pipe(int fds[2]);
int pipe2(int fds[2], int flags);
int dup(int fd);
int dup2(int fd, int new_fd);
int dup3(int fd, int new_fd, int flags);
int fsync(int fd);
int fdatasync(int fd);
void sync(void);
int ftruncate(int fd, off_t length);
int truncate(const char* path, off_t length);
int access(const char* path, int mode);
int faccessat(int dirfd, const char* path, int mode, int flags);
int rmdir(const char* path);
int unlinkat(int dirfd, const char* path, int flags);
char* getcwd(char* buf, size_t size);
int chdir(const char* path);
int fchdir(int fd);
ssize_t readlink(const char* path, char* buf, size_t size);
ssize_t readlinkat(int dirfd, const char* path, char* buf, size_t size);
int getpagesize(void);
long sysconf(int name);
#define _SC_NPROCESSORS_CONF 0x0060
#define _SC_NPROCESSORS_ONLN 0x0061
#define _SC_PHYS_PAGES 0x0062
int symlink(const char* target, const char* path);
int symlinkat(const char* target, int dirfd, const char* path);
int link(const char* existing, const char* path);
int linkat(int olddirfd, const char* existing, int newdirfd, const char* path, int flags);
#define _PC_LINK_MAX 1
#define _PC_NAME_MAX 4
#define _PC_PIPE_BUF 6
long pathconf(const char* path, int name);
long fpathconf(int fd, int name);
int isatty(int fd);
