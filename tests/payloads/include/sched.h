#pragma once
int sched_yield(void);
#include <sys/types.h>
typedef struct { unsigned long __bits[1024 / (8 * sizeof(unsigned long))]; } cpu_set_t;
int __sched_cpucount(size_t set_size, const cpu_set_t* set);
#define CPU_COUNT(set) __sched_cpucount(sizeof(cpu_set_t), (set))
int sched_getaffinity(pid_t pid, size_t set_size, cpu_set_t* set);
int sched_getcpu(void);
