/* malloc.h (bionic), for mdemu's test sysroot. */
#pragma once
#include <stdio.h>
struct mallinfo { size_t arena; size_t ordblks; size_t smblks; size_t hblks; size_t hblkhd; size_t usmblks;
                  size_t fsmblks; size_t uordblks; size_t fordblks; size_t keepcost; };
struct mallinfo mallinfo(void);
int malloc_info(int must_be_zero, FILE* f);
int mallopt(int option, int value);
size_t malloc_usable_size(const void* p);
#define M_DECAY_TIME (-100)
#define M_PURGE (-101)
#define M_PURGE_ALL (-104)
extern void* (*volatile __malloc_hook)(size_t, const void*);
extern void* (*volatile __realloc_hook)(void*, size_t, const void*);
extern void (*volatile __free_hook)(void*, const void*);
extern void* (*volatile __memalign_hook)(size_t, size_t, const void*);
/* The apex/llndk heap entry points (bionic exports them for the platform). */
int malloc_iterate(uintptr_t base, size_t size, void (*callback)(uintptr_t base, size_t size, void* arg), void* arg);
void malloc_disable(void);
void malloc_enable(void);
