#include <stdio.h>
#include <time.h>
#include "compute_kernel.h"

unsigned long mdemu_bench_run(unsigned long n) {
  return mdemu_bench_compute(n);
}

int AVmPayload_main(void) {
  struct timespec a, b;
  clock_gettime(CLOCK_MONOTONIC, &a);
  unsigned long r = mdemu_bench_compute(20000000UL);
  clock_gettime(CLOCK_MONOTONIC, &b);
  long ns = (b.tv_sec - a.tv_sec) * 1000000000L + (b.tv_nsec - a.tv_nsec);
  printf("compute result=%lu ns=%ld\n", r, ns);
  return 0;
}
