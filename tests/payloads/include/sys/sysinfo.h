#pragma once
#include <sys/types.h>
struct sysinfo {
  long uptime;
  unsigned long loads[3];
  unsigned long totalram, freeram, sharedram, bufferram, totalswap, freeswap;
  unsigned short procs, pad;
  unsigned long totalhigh, freehigh;
  unsigned int mem_unit;
};
int sysinfo(struct sysinfo* info);
int get_nprocs(void);
int get_nprocs_conf(void);
