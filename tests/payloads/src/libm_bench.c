/*
 * The cost of a libm call: ns per call of functions served three ways in mdemu (guest code: floor, sqrt, fma;
 * a trap into Java: sin, exp, pow on fdlibm; a trap into the 45-digit path: lgamma, erf; binary128: sinl, sqrtl),
 * timed around loops with clock_gettime. The same file runs on glibc under qemu-aarch64 for the ratio.
 */
#include <stdint.h>

int printf(const char*, ...);
struct timespec { long tv_sec, tv_nsec; };
int clock_gettime(int, struct timespec*);
double floor(double); double sqrt(double); double fma(double, double, double);
double sin(double); double exp(double); double pow(double, double);
double lgamma(double); double erf(double);
long double sinl(long double); long double sqrtl(long double);

static long now(void) {
  struct timespec t;
  clock_gettime(1, &t);
  return t.tv_sec * 1000000000L + t.tv_nsec;
}

static volatile double sink;
static volatile long double sinkl;

#define BENCH(label, n, expr) do { \
  double acc = 0; long t0 = now(); \
  for (int i = 0; i < (n); i++) { double x = 0.5 + i * 1e-4; acc += (expr); } \
  long dt = now() - t0; sink = acc; \
  printf("libm %s ns_per_call=%ld\n", label, dt / (n)); \
} while (0)

static int run(void) {
  BENCH("loop", 200000, x);
  BENCH("floor", 200000, floor(x));
  BENCH("sqrt", 200000, sqrt(x));
  BENCH("fma", 200000, fma(x, x, x));
  BENCH("sin", 50000, sin(x));
  BENCH("exp", 50000, exp(x));
  BENCH("pow", 50000, pow(x, 1.5));
  BENCH("lgamma", 2000, lgamma(x));
  BENCH("erf", 2000, erf(x));
  /* 0.5L from its bits: these payloads link no compiler-rt, so no long double conversion may appear. */
  union { uint64_t q[2]; long double f; } half = {{0, 0x3ffe000000000000ULL}};
  long double a = half.f;
  long t0 = now();
  for (int i = 0; i < 2000; i++) a = sinl(a);
  printf("libm sinl ns_per_call=%ld\n", (now() - t0) / 2000);
  sinkl = a;
  a = half.f;
  t0 = now();
  for (int i = 0; i < 2000; i++) a = sqrtl(a);
  printf("libm sqrtl ns_per_call=%ld\n", (now() - t0) / 2000);
  sinkl = a;
  return 0;
}

#ifdef __ANDROID__
int AVmPayload_main(void) { return run(); }
#else
int main(void) { return run(); }
#endif
