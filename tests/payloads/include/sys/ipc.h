/* sys/ipc.h (bionic), for mdemu's test sysroot. */
#pragma once
typedef int key_t;
#define IPC_PRIVATE ((key_t)0)
#define IPC_CREAT 00001000
key_t ftok(const char* path, int id);
