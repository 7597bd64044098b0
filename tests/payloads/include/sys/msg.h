#pragma once
#include <sys/ipc.h>
int msgget(key_t key, int flags);
