#pragma once
#include <sys/ipc.h>
int semget(key_t key, int count, int flags);
