/* Host-call cost and guest string-routine throughput, measured inside the guest. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <vm_payload.h>

static long now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000000000L + t.tv_nsec;
}

int AVmPayload_main(void) {
  AVmPayload_notifyPayloadReady();
  const long calls = 200000;
  long t0 = now_ns();
  for (long i = 0; i < calls; i++) getpid();
  long t1 = now_ns();
  printf("hostcall ns_per_call=%ld\n", (t1 - t0) / calls);

  const size_t size = 64 * 1024;
  char* a = malloc(size);
  char* b = malloc(size);
  memset(a, 'x', size);
  a[size - 1] = 0;
  const int rounds = 500;
  t0 = now_ns();
  for (int i = 0; i < rounds; i++) memcpy(b, a, size);
  t1 = now_ns();
  printf("memcpy MBps=%ld\n", (long)((double)size * rounds / ((t1 - t0) / 1e9) / 1e6));
  size_t total = 0;
  t0 = now_ns();
  for (int i = 0; i < rounds; i++) total += strlen(a);
  t1 = now_ns();
  printf("strlen MBps=%ld (checksum %lu)\n", (long)((double)size * rounds / ((t1 - t0) / 1e9) / 1e6), total);
  char small_src[64], small_dst[64];
  memset(small_src, 'y', sizeof(small_src));
  small_src[15] = 0;
  const long small_rounds = 200000;
  t0 = now_ns();
  for (long i = 0; i < small_rounds; i++) {
    memcpy(small_dst, small_src, sizeof(small_dst));
    __asm__ volatile("" ::: "memory");
  }
  t1 = now_ns();
  printf("memcpy64 ns_per_call=%ld\n", (t1 - t0) / small_rounds);
  t0 = now_ns();
  for (long i = 0; i < small_rounds; i++) {
    total += strlen(small_src);
    __asm__ volatile("" ::: "memory");
  }
  t1 = now_ns();
  printf("strlen15 ns_per_call=%ld (checksum %lu)\n", (t1 - t0) / small_rounds, total);
  return 0;
}
