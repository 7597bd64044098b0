#pragma once
#include <sys/cdefs.h>
typedef struct __locale_t* locale_t;
