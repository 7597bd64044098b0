/* Raw Linux syscalls for the freestanding static programs that qemu-aarch64 runs as the reference. */
#pragma once

static long sys(long n, long a, long b, long c) {
  register long x8 __asm__("x8") = n;
  register long x0 __asm__("x0") = a;
  register long x1 __asm__("x1") = b;
  register long x2 __asm__("x2") = c;
  __asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2) : "memory");
  return x0;
}

/* clock_gettime(CLOCK_MONOTONIC) in nanoseconds. */
static long now_ns(void) {
  long ts[2];
  sys(113, 1, (long)ts, 0);
  return ts[0] * 1000000000L + ts[1];
}
