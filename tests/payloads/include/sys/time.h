#pragma once
#include <sys/resource.h>
int gettimeofday(struct timeval* tv, void* tz);
