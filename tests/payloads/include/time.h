#pragma once
#include "stddef_ext.h"
struct timespec { time_t tv_sec; long tv_nsec; };
#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
int clock_gettime(int clock, struct timespec* ts);
#define CLOCK_THREAD_CPUTIME_ID 3
#define TIMER_ABSTIME 1
int clock_getres(int clock, struct timespec* ts);
int clock_nanosleep(int clock, int flags, const struct timespec* request, struct timespec* remaining);
