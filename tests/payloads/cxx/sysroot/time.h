/* bionic's <time.h>, written for mdemu's C++ test payloads. */
#pragma once
#include <sys/cdefs.h>
#include <bits/types.h>
#include <xlocale.h>
__BEGIN_DECLS
#define CLOCKS_PER_SEC 1000000
#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_BOOTTIME 7
#define TIMER_ABSTIME 1
#define TIME_UTC 1
struct timespec { time_t tv_sec; long tv_nsec; };
struct tm {
  int tm_sec; int tm_min; int tm_hour; int tm_mday; int tm_mon; int tm_year; int tm_wday; int tm_yday; int tm_isdst;
  long tm_gmtoff; const char* tm_zone;
};
time_t time(time_t*);
int nanosleep(const struct timespec*, struct timespec*);
char* asctime(const struct tm*);
char* asctime_r(const struct tm*, char*);
double difftime(time_t, time_t);
time_t mktime(struct tm*);
struct tm* localtime(const time_t*);
struct tm* localtime_r(const time_t*, struct tm*);
struct tm* gmtime(const time_t*);
struct tm* gmtime_r(const time_t*, struct tm*);
time_t timegm(struct tm*);
char* ctime(const time_t*);
char* ctime_r(const time_t*, char*);
size_t strftime(char*, size_t, const char*, const struct tm*);
size_t strftime_l(char*, size_t, const char*, const struct tm*, locale_t);
char* strptime(const char*, const char*, struct tm*);
clock_t clock(void);
int clock_getres(clockid_t, struct timespec*);
int clock_gettime(clockid_t, struct timespec*);
int clock_nanosleep(clockid_t, int, const struct timespec*, struct timespec*);
int timespec_get(struct timespec*, int);
void tzset(void);
extern char* tzname[];
extern int daylight;
extern long int timezone;
__END_DECLS
