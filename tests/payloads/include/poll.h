#pragma once
/* poll(2): one entry per watched descriptor. */
#include <time.h>
struct pollfd { int fd; short events; short revents; };
typedef unsigned int nfds_t;
#define POLLIN 0x1
#define POLLPRI 0x2
#define POLLOUT 0x4
#define POLLERR 0x8
#define POLLHUP 0x10
#define POLLNVAL 0x20
int poll(struct pollfd* fds, nfds_t count, int timeout_ms);
int ppoll(struct pollfd* fds, nfds_t count, const struct timespec* timeout, const void* sigmask);
