#pragma once
/* select(2): descriptor sets are 1024-bit maps stored as unsigned longs. */
#include <sys/time.h>
#include <time.h>
#define FD_SETSIZE 1024
typedef struct { unsigned long fds_bits[FD_SETSIZE / (8 * sizeof(unsigned long))]; } fd_set;
#define FD_ZERO(set) __builtin_memset((set), 0, sizeof(fd_set))
#define FD_SET(fd, set) ((set)->fds_bits[(fd) / 64] |= 1UL << ((fd) % 64))
#define FD_CLR(fd, set) ((set)->fds_bits[(fd) / 64] &= ~(1UL << ((fd) % 64)))
#define FD_ISSET(fd, set) (((set)->fds_bits[(fd) / 64] & (1UL << ((fd) % 64))) != 0)
int select(int nfds, fd_set* readable, fd_set* writable, fd_set* exceptional, struct timeval* timeout);
int pselect(int nfds, fd_set* readable, fd_set* writable, fd_set* exceptional, const struct timespec* timeout,
            const void* sigmask);
