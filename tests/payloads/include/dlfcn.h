#pragma once
#define RTLD_NOW 2
#define RTLD_DEFAULT ((void*)0)
void* dlopen(const char* name, int flags);
void* dlsym(void* handle, const char* name);
int dlclose(void* handle);
char* dlerror(void);
