#pragma once
#include <sys/ipc.h>
int shmget(key_t key, unsigned long size, int flags);
void* shmat(int id, const void* address, int flags);
int shmdt(const void* address);
