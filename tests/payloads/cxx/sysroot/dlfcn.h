#pragma once
#include <sys/cdefs.h>
__BEGIN_DECLS
typedef struct { const char* dli_fname; void* dli_fbase; const char* dli_sname; void* dli_saddr; } Dl_info;
void* dlopen(const char*, int);
int dlclose(void*);
char* dlerror(void);
void* dlsym(void*, const char*);
int dladdr(const void*, Dl_info*);
#define RTLD_LOCAL 0
#define RTLD_LAZY 0x00001
#define RTLD_NOW 0x00002
#define RTLD_NOLOAD 0x00004
#define RTLD_GLOBAL 0x00100
#define RTLD_NODELETE 0x01000
#define RTLD_DEFAULT ((void*) 0)
#define RTLD_NEXT ((void*) -1L)
__END_DECLS
