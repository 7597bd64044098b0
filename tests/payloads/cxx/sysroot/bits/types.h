/* The arm64 bionic scalar types shared by several headers. */
#pragma once
#include <sys/cdefs.h>
#include <stddef.h>
#include <stdint.h>
typedef long ssize_t;
typedef long off_t;
typedef long off64_t;
typedef int pid_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef unsigned int mode_t;
typedef unsigned long dev_t;
typedef unsigned long ino_t;
typedef unsigned long ino64_t;
typedef unsigned int nlink_t;
typedef int blksize_t;
typedef long blkcnt_t;
typedef long blkcnt64_t;
typedef unsigned long fsblkcnt_t;
typedef unsigned long fsfilcnt_t;
typedef long time_t;
typedef long clock_t;
typedef int clockid_t;
typedef void* timer_t;
typedef long suseconds_t;
typedef unsigned int useconds_t;
typedef int id_t;
typedef int key_t;
typedef unsigned long sigset_t;
typedef struct __locale_t* locale_t;
typedef struct { unsigned char __seq[4]; unsigned char __reserved[4]; } mbstate_t;
typedef int wint_t;
typedef long pthread_t;
