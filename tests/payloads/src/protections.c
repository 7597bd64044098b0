/*
 * Protection changes at scale (issue 16's cost curves), sized by the library's name: the APK carries this library as
 * libprotect_<n>.so. One mapping of n pages, each written; every other page made read-only, one mprotect each (n/2
 * changes that cut the mapping into n pieces), then every page made read-write again, one mprotect each (n more);
 * the contents checked, a store into every page, and the mapping unmapped. Prints what it did and the guest's own
 * time ("cost: mprotects n=<n> ... ms=<t>"); the outcome, not the time, is what tests check.
 */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

typedef struct { const char* dli_fname; void* dli_fbase; const char* dli_sname; void* dli_saddr; } Dl_info;
int dladdr(const void* address, Dl_info* info);
int AVmPayload_main(void);

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int protection_changes(long n) {
  const long page = 4096;
  char* base = mmap(NULL, n * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (base == MAP_FAILED) { printf("cost: mprotects mmap of %ld pages failed\n", n); return 1; }
  for (long i = 0; i < n; i++) *(long*) (base + i * page) = i;
  double t0 = now_ms();
  long changed = 0, intact = 0, written = 0;
  for (long i = 0; i < n; i += 2) changed += mprotect(base + i * page, page, PROT_READ) == 0;
  double split = now_ms();
  for (long i = 0; i < n; i++) changed += mprotect(base + i * page, page, PROT_READ | PROT_WRITE) == 0;
  double t1 = now_ms();
  for (long i = 0; i < n; i++) intact += *(long*) (base + i * page) == i;
  for (long i = 0; i < n; i++) {
    *(long*) (base + i * page + 8) = -i;
    written += *(long*) (base + i * page + 8) == -i;
  }
  int unmapped = munmap(base, n * page) == 0;
  printf("cost: mprotects n=%ld changed=%ld intact=%ld written=%ld unmapped=%d split_ms=%.1f protect_ms=%.1f ms=%.1f\n",
         n, changed, intact, written, unmapped, split - t0, t1 - t0, now_ms() - t0);
  return changed == n + (n + 1) / 2 && intact == n && written == n && unmapped ? 0 : 1;
}

int AVmPayload_main(void) {
  Dl_info info;
  if (!dladdr((void*) AVmPayload_main, &info) || info.dli_fname == NULL) return 99;
  const char* name = strstr(info.dli_fname, "libprotect_");
  if (name == NULL) return 98;
  long n = 0;
  for (const char* c = name + strlen("libprotect_"); *c >= '0' && *c <= '9'; c++) n = n * 10 + (*c - '0');
  return n > 0 ? protection_changes(n) : 97;
}
