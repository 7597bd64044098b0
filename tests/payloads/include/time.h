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
/* Broken-down time and time zones (bionic's struct tm has tm_gmtoff and tm_zone). */
struct tm { int tm_sec; int tm_min; int tm_hour; int tm_mday; int tm_mon; int tm_year; int tm_wday; int tm_yday;
            int tm_isdst; long tm_gmtoff; const char* tm_zone; };
time_t time(time_t* t);
size_t strftime(char* buf, size_t size, const char* format, const struct tm* tm);
char* strptime(const char* s, const char* format, struct tm* tm);
time_t mktime(struct tm* tm);
time_t timegm(struct tm* tm);
struct tm* localtime_r(const time_t* t, struct tm* tm);
struct tm* gmtime_r(const time_t* t, struct tm* tm);
void tzset(void);
extern char* tzname[];
extern long timezone;
extern int daylight;
