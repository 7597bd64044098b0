/* The CPU-bound function measured against qemu-aarch64: integer hashing and floating point, deterministic. */
#pragma once
static unsigned long mdemu_bench_compute(unsigned long n) {
  unsigned long h = 1469598103934665603UL;
  double acc = 0.0;
  for (unsigned long i = 0; i < n; i++) {
    h ^= i;
    h *= 1099511628211UL;
    acc += (double)(h & 0xffff) * 0.5;
    if ((i & 1023) == 0) acc = acc / 3.0;
  }
  return h ^ (unsigned long)acc;
}
