/*
 * qsort_r (API 36), guest code beside qsort in mdemu's libc: sorts with the caller's context passed to every
 * comparison (glibc's argument order, as bionic declares it), here descending by a flag in the context while
 * counting the calls; prints what it found.
 */
#include <stdio.h>
#include <stdlib.h>

void qsort_r(void* base, size_t n, size_t size, int (*compare)(const void*, const void*, void*), void* context);
int AVmPayload_main(void);

struct context {
  int descending;
  long calls;
};

static int by_value(const void* a, const void* b, void* c) {
  struct context* context = c;
  context->calls++;
  int x = *(const int*) a, y = *(const int*) b;
  int order = (x > y) - (x < y);
  return context->descending ? -order : order;
}

int AVmPayload_main(void) {
  enum { N = 5000 };
  static int values[N];
  unsigned seed = 16;
  for (int i = 0; i < N; i++) {
    seed = seed * 1103515245u + 12345u;
    values[i] = (int) (seed >> 8) % 100000;
  }
  struct context context = {1, 0};
  qsort_r(values, N, sizeof values[0], by_value, &context);
  int sorted = 1;
  for (int i = 1; i < N; i++) sorted &= values[i - 1] >= values[i];
  struct context none = {0, 0};
  qsort_r(values, 1, sizeof values[0], by_value, &none);
  qsort_r(values, 0, sizeof values[0], by_value, &none);
  printf("qsort_r: n=%d descending=%d compared=%d single=%ld\n", N, sorted, context.calls >= N - 1, none.calls);
  return sorted ? 0 : 1;
}
