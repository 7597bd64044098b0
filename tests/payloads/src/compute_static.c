/* The compute kernel as a freestanding static aarch64 Linux program, for qemu-aarch64 as the reference. */
#include "compute_kernel.h"
#include "static_linux.h"

static int put_number(char* p, unsigned long v) {
  char tmp[24];
  int n = 0;
  do { tmp[n++] = (char)('0' + v % 10); v /= 10; } while (v);
  for (int i = 0; i < n; i++) p[i] = tmp[n - 1 - i];
  return n;
}

void _start(void) {
  long a = now_ns();
  unsigned long r = mdemu_bench_compute(20000000UL);
  long b = now_ns();
  char line[96];
  int n = 0;
  const char* s1 = "compute result=";
  while (*s1) line[n++] = *s1++;
  n += put_number(line + n, r);
  const char* s2 = " ns=";
  while (*s2) line[n++] = *s2++;
  n += put_number(line + n, (unsigned long)(b - a));
  line[n++] = '\n';
  sys(64, 1, (long)line, n);
  sys(94, 0, 0, 0);
}
