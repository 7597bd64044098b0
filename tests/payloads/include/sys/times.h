/* sys/times.h (bionic, LP64), for mdemu's test sysroot. */
#pragma once
typedef long clock_t;
struct tms { clock_t tms_utime; clock_t tms_stime; clock_t tms_cutime; clock_t tms_cstime; };
clock_t times(struct tms* buf);
