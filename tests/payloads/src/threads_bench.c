/* Thread benchmarks as a payload: the same kernels as threads_bench_static.c runs under qemu-aarch64. */
#include <stdio.h>
#include "threads_bench_kernel.h"

int AVmPayload_main(void) {
  printf("pingpong handoffs_per_s=%.0f\n", bench_pingpong_handoffs_per_s(BENCH_PINGPONG_ROUNDS));
  printf("create_join per_s=%.0f\n", bench_create_join_per_s(BENCH_CREATE_JOIN));
  printf("four_thread_job ms=%.1f\n", bench_four_thread_job_ms(BENCH_JOB_ITERATIONS));
  return 0;
}
