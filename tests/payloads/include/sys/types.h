#pragma once
#include <stddef_ext.h>
typedef unsigned int mode_t;
typedef unsigned long dev_t;
typedef unsigned long ino_t;
typedef unsigned int nlink_t;
typedef unsigned int gid_t;
