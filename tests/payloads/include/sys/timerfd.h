#pragma once
/* timerfd_create(2): expirations are read as an 8-byte count. */
#include <time.h>
struct itimerspec { struct timespec it_interval; struct timespec it_value; };
#define TFD_TIMER_ABSTIME 1
#define TFD_NONBLOCK 04000
#define TFD_CLOEXEC 02000000
int timerfd_create(int clock, int flags);
int timerfd_settime(int fd, int flags, const struct itimerspec* value, struct itimerspec* old_value);
int timerfd_gettime(int fd, struct itimerspec* current);
