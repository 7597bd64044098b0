/* bionic's <unistd.h> (the part C++ runtimes use), written for mdemu's C++ test payloads. */
#pragma once
#include <sys/cdefs.h>
#include <bits/types.h>
__BEGIN_DECLS
#define STDIN_FILENO 0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2
#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4
#define _SC_NPROCESSORS_CONF 0x0060
#define _SC_NPROCESSORS_ONLN 0x0061
#define _SC_PAGESIZE 0x0027
#define _SC_PAGE_SIZE _SC_PAGESIZE
#define _PC_PATH_MAX 4
#define _PC_NAME_MAX 3
ssize_t read(int, void*, size_t);
ssize_t write(int, const void*, size_t);
ssize_t pread(int, void*, size_t, off_t);
ssize_t pwrite(int, const void*, size_t, off_t);
int close(int);
off_t lseek(int, off_t, int);
int access(const char*, int);
int faccessat(int, const char*, int, int);
int unlink(const char*);
int unlinkat(int, const char*, int);
int rmdir(const char*);
int link(const char*, const char*);
int symlink(const char*, const char*);
ssize_t readlink(const char*, char*, size_t);
int chdir(const char*);
int fchdir(int);
char* getcwd(char*, size_t);
int truncate(const char*, off_t);
int ftruncate(int, off_t);
int fsync(int);
int isatty(int);
long sysconf(int);
long pathconf(const char*, int);
long fpathconf(int, int);
pid_t getpid(void);
pid_t gettid(void);
uid_t getuid(void);
int usleep(useconds_t);
unsigned sleep(unsigned);
int dup(int);
int dup2(int, int);
int pipe(int*);
long syscall(long, ...);
__noreturn void _exit(int);
__END_DECLS
