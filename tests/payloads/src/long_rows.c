/*
 * Library calls whose Java rows work for as long as a guest value says (issue 16: a VM stop must interrupt them),
 * one per library name: the APK carries this library as liblong_rows_<kind>.so and the payload finds its kind in
 * its own file name. Each prints "long row: <kind> started" before the call and "long row: <kind> returned ..."
 * after it; the test stops the VM in between. jn_27 is the reference: the same recurrence as jn_31 with 1/16 of its
 * work, run to the end.
 */
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

typedef struct { const char* dli_fname; void* dli_fbase; const char* dli_sname; void* dli_saddr; } Dl_info;
int dladdr(const void* address, Dl_info* info);
double jn(int n, double x);
int AVmPayload_main(void);

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static void started(const char* kind) {
  printf("long row: %s started\n", kind);
  fflush(stdout);
}

/* J_n(x) at x = 0.93 n: Miller's backward recurrence over about n orders (no early answer of 0 there). */
static int bessel(const char* kind, int bits) {
  int n = bits >= 31 ? 0x7fffffff : 1 << bits;
  started(kind);
  double t0 = now_ms();
  double j = jn(n, 0.93 * n);
  printf("long row: %s returned %g ms=%.1f\n", kind, j, now_ms() - t0);
  return 0;
}

/* 8 MiB of 'a' searched for 4 MiB of 'a' then 'b': each of 4 Mi positions compares up to 4 Mi bytes. */
static int substring(const char* kind) {
  size_t hay = 8u << 20, needle = 4u << 20;
  char* h = malloc(hay + 1);
  char* n = malloc(needle + 1);
  if (h == NULL || n == NULL) return 2;
  memset(h, 'a', hay);
  h[hay] = 0;
  memset(n, 'a', needle);
  n[needle - 1] = 'b';
  n[needle] = 0;
  started(kind);
  printf("long row: %s returned %p\n", kind, (void*) strstr(h, n));
  return 0;
}

static int wide_substring(const char* kind) {
  size_t hay = 2u << 20, needle = 1u << 20;
  wchar_t* h = malloc((hay + 1) * sizeof(wchar_t));
  wchar_t* n = malloc((needle + 1) * sizeof(wchar_t));
  if (h == NULL || n == NULL) return 2;
  wmemset(h, L'a', hay);
  h[hay] = 0;
  wmemset(n, L'a', needle);
  n[needle - 1] = L'b';
  n[needle] = 0;
  started(kind);
  printf("long row: %s returned %p\n", kind, (void*) wcsstr(h, n));
  return 0;
}

/* Sixteen stars before a 'b' that never comes, over 200 'a's: backtracking tries C(200, 16) splits. */
static int pattern(const char* kind) {
  char p[64], s[201];
  size_t k = 0;
  for (int i = 0; i < 16; i++) {
    p[k++] = '*';
    p[k++] = 'a';
  }
  p[k++] = 'b';
  p[k] = 0;
  memset(s, 'a', 200);
  s[200] = 0;
  started(kind);
  printf("long row: %s returned %d\n", kind, fnmatch(p, s, 0));
  return 0;
}

int AVmPayload_main(void) {
  Dl_info info;
  if (!dladdr((void*) AVmPayload_main, &info) || info.dli_fname == NULL) return 99;
  const char* kind = strstr(info.dli_fname, "liblong_rows_");
  if (kind == NULL) return 98;
  kind += strlen("liblong_rows_");
  char name[32];
  size_t len = strcspn(kind, ".");
  if (len >= sizeof name) return 97;
  memcpy(name, kind, len);
  name[len] = 0;
  if (!strcmp(name, "jn_27")) return bessel(name, 27);
  if (!strcmp(name, "jn_31")) return bessel(name, 31);
  if (!strcmp(name, "strstr")) return substring(name);
  if (!strcmp(name, "wcsstr")) return wide_substring(name);
  if (!strcmp(name, "fnmatch")) return pattern(name);
  return 96;
}
