/*
 * The cost of fork for a parent with 64 MiB of touched heap: fork, the child _exits at once, the parent waits;
 * microseconds per cycle, timed with clock_gettime around 10 cycles after one warm-up. The same file runs on glibc
 * under qemu-aarch64 (tests/fixtures/lib/bin/fork_bench_static) for the ratio.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

pid_t fork(void);
void _exit(int status) __attribute__((noreturn));

#define HEAP_BYTES (64 << 20)
#define CYCLES 10

static long now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000000000L + t.tv_nsec;
}

static int cycle(volatile char* heap, int k) {
  pid_t pid = fork();
  if (pid == 0) _exit(heap[4096 * k] & 1);
  int st = 0;
  return waitpid(pid, &st, 0) == pid && WIFEXITED(st) ? 0 : 1;
}

int AVmPayload_main(void) {
  volatile char* heap = malloc(HEAP_BYTES);
  if (heap == NULL) return 2;
  for (long i = 0; i < HEAP_BYTES; i += 4096) heap[i] = (char)(i >> 12) | 1;
  int failures = cycle(heap, 0);
  long t0 = now();
  for (int k = 0; k < CYCLES; k++) failures += cycle(heap, k);
  long dt = now() - t0;
  printf("fork_bench us_per_fork=%ld failures=%d\n", dt / CYCLES / 1000, failures);
  fflush(stdout);
  return failures;
}

#ifdef __GLIBC__
int main(void) { return AVmPayload_main(); }
#endif
