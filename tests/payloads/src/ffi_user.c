/*
 * Uses the libffi inside a real NDK-built JNA (jna's Android AAR, libjnidispatch.so, packaged next to this payload)
 * through dlopen/dlsym: ffi_prep_cif/ffi_call on this payload's own functions (integers and floats past the argument
 * registers onto the stack, small, floating-point and large structs returned, a variadic call into libc's snprintf)
 * and closures (libffi's trampolines) called by libc's qsort and directly. The callees print what they received;
 * the host test compares every value with what the call passed.
 */
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* libffi's public API (ffi.h for aarch64), declared here from its documentation. */
typedef struct ffi_type {
  size_t size;
  unsigned short alignment;
  unsigned short type;
  struct ffi_type** elements;
} ffi_type;
#define FFI_TYPE_STRUCT 13
#define FFI_SYSV 1 /* FFI_DEFAULT_ABI on aarch64 */
#define FFI_OK 0
/* ffi_cif and ffi_closure are opaque here: space enough for libffi's aarch64 layouts, suitably aligned. */
typedef struct { _Alignas(16) unsigned char opaque[64]; } ffi_cif;
typedef struct { _Alignas(16) unsigned char opaque[64]; } ffi_closure;

static ffi_type *t_sint8, *t_uint16, *t_sint32, *t_sint64, *t_uint64, *t_float, *t_double, *t_pointer, *t_void;
static int (*ffi_prep_cif)(ffi_cif* cif, int abi, unsigned nargs, ffi_type* rtype, ffi_type** atypes);
static int (*ffi_prep_cif_var)(ffi_cif* cif, int abi, unsigned nfixed, unsigned ntotal, ffi_type* rtype,
                               ffi_type** atypes);
static void (*ffi_call)(ffi_cif* cif, void (*fn)(void), void* rvalue, void** avalue);
static void* (*ffi_closure_alloc)(size_t size, void** code);
static void (*ffi_closure_free)(void* closure);
static int (*ffi_prep_closure_loc)(ffi_closure* closure, ffi_cif* cif,
                                   void (*fun)(ffi_cif* cif, void* ret, void** args, void* data), void* data,
                                   void* code);

static void* lib;
static int missing;

static void* need(const char* name) {
  void* p = dlsym(lib, name);
  if (p == NULL) {
    printf("dlsym %s failed\n", name);
    missing++;
  }
  return p;
}

/* 10 integer and 11 floating-point arguments: x0-x7 and d0-d7 fill, the rest go on the stack. */
double many(int8_t a, uint16_t b, int32_t c, int64_t d, float e, double f, double g, double h, double i, double j,
            double k, double l, double m, int32_t n, int64_t o, float p, double q, int8_t r, int32_t s, uint64_t t,
            int64_t u) {
  printf("many received: %d %u %d %lld %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g %d %lld %.17g %.17g %d "
         "%d %llu %lld\n", a, b, c, (long long)d, e, f, g, h, i, j, k, l, m, n, (long long)o, p, q, r, s,
         (unsigned long long)t, (long long)u);
  return a + b + c + (double)d + e + f + g + h + i + j + k + l + m + n + (double)o + p + q + r + s + (double)t +
         (double)u;
}

struct small { int8_t c; int16_t s; int32_t i; };
struct hfa { double x, y, z; };
struct big { int64_t a, b, c; };

struct small make_small(int32_t seed) {
  struct small v = { (int8_t)(seed & 0x7f), (int16_t)(seed * 3), seed * -7 };
  return v;
}

struct hfa make_hfa(double x, float scale) {
  struct hfa v = { x * scale, x + scale, x - scale };
  return v;
}

struct big make_big(struct big in, int64_t add) {
  struct big v = { in.a + add, in.b * add, in.c - add };
  return v;
}

/* A closure: compares ints, counting its calls through its user data. */
static void compare_ints(ffi_cif* cif, void* ret, void** args, void* data) {
  (void)cif;
  const int* a = *(const int**)args[0];
  const int* b = *(const int**)args[1];
  ++*(int*)data;
  *(int64_t*)ret = (*a > *b) - (*a < *b); /* int returns are widened to ffi_arg (64 bits) */
}

/* A closure with floating-point arguments and a double result: a*x + b*y computed in the handler. */
static void dot2(ffi_cif* cif, void* ret, void** args, void* data) {
  (void)cif;
  (void)data;
  double a = *(double*)args[0], x = *(double*)args[1];
  float b = *(float*)args[2];
  int32_t y = *(int32_t*)args[3];
  *(double*)ret = a * x + b * (double)y;
}

static long long now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int AVmPayload_main(void) {
  lib = dlopen("libjnidispatch.so", RTLD_NOW);
  if (lib == NULL) {
    printf("dlopen failed: %s\n", dlerror());
    return 1;
  }
  t_sint8 = need("ffi_type_sint8");
  t_uint16 = need("ffi_type_uint16");
  t_sint32 = need("ffi_type_sint32");
  t_sint64 = need("ffi_type_sint64");
  t_uint64 = need("ffi_type_uint64");
  t_float = need("ffi_type_float");
  t_double = need("ffi_type_double");
  t_pointer = need("ffi_type_pointer");
  t_void = need("ffi_type_void");
  ffi_prep_cif = need("ffi_prep_cif");
  ffi_prep_cif_var = need("ffi_prep_cif_var");
  ffi_call = need("ffi_call");
  ffi_closure_alloc = need("ffi_closure_alloc");
  ffi_closure_free = need("ffi_closure_free");
  ffi_prep_closure_loc = need("ffi_prep_closure_loc");
  if (missing) return 2;

  /* many(): 21 arguments. */
  ffi_type* many_types[] = { t_sint8, t_uint16, t_sint32, t_sint64, t_float, t_double, t_double, t_double, t_double,
                             t_double, t_double, t_double, t_double, t_sint32, t_sint64, t_float, t_double, t_sint8,
                             t_sint32, t_uint64, t_sint64 };
  int8_t a = -5, r = 127;
  uint16_t b = 60000;
  int32_t c = -123456, n = 2147483647, s = -2147483647 - 1;
  int64_t d = -(1LL << 40) - 3, o = 1LL << 52, u = -9007199254740991LL;
  uint64_t t = 18446744073709551615ULL;
  float e = 0.5f, p = -3.0e-5f;
  double f = 1.25, g = -2.5, h = 3.75, i = 1e100, j = -0.125, k = 6.0, l = 7.5e-300, m = -8.0, q = 0.1;
  void* many_values[] = { &a, &b, &c, &d, &e, &f, &g, &h, &i, &j, &k, &l, &m, &n, &o, &p, &q, &r, &s, &t, &u };
  ffi_cif cif;
  double sum = 0;
  if (ffi_prep_cif(&cif, FFI_SYSV, 21, t_double, many_types) != FFI_OK) return 3;
  ffi_call(&cif, (void (*)(void))many, &sum, many_values);
  printf("many returned: %.17g direct: %.17g\n", sum,
         many(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, s, t, u));

  /* Structs returned in x0, in d0-d2 (a homogeneous floating-point aggregate) and through x8 (24 bytes). */
  ffi_type* small_elements[] = { t_sint8, (ffi_type*)need("ffi_type_sint16"), t_sint32, NULL };
  ffi_type small_type = { 0, 0, FFI_TYPE_STRUCT, small_elements };
  ffi_type* hfa_elements[] = { t_double, t_double, t_double, NULL };
  ffi_type hfa_type = { 0, 0, FFI_TYPE_STRUCT, hfa_elements };
  ffi_type* big_elements[] = { t_sint64, t_sint64, t_sint64, NULL };
  ffi_type big_type = { 0, 0, FFI_TYPE_STRUCT, big_elements };
  if (missing) return 2;

  int32_t seed = 1000003;
  ffi_type* small_args[] = { t_sint32 };
  void* small_values[] = { &seed };
  struct small sv;
  if (ffi_prep_cif(&cif, FFI_SYSV, 1, &small_type, small_args) != FFI_OK) return 4;
  ffi_call(&cif, (void (*)(void))make_small, &sv, small_values);
  printf("small: %d %d %d size=%zu align=%u\n", sv.c, sv.s, sv.i, small_type.size, small_type.alignment);

  double x = 2.5;
  float scale = -0.75f;
  ffi_type* hfa_args[] = { t_double, t_float };
  void* hfa_values[] = { &x, &scale };
  struct hfa hv;
  if (ffi_prep_cif(&cif, FFI_SYSV, 2, &hfa_type, hfa_args) != FFI_OK) return 5;
  ffi_call(&cif, (void (*)(void))make_hfa, &hv, hfa_values);
  printf("hfa: %.17g %.17g %.17g\n", hv.x, hv.y, hv.z);

  struct big in = { 1LL << 40, -12345, 999 };
  int64_t add = 77;
  ffi_type* big_args[] = { &big_type, t_sint64 };
  void* big_values[] = { &in, &add };
  struct big bv;
  if (ffi_prep_cif(&cif, FFI_SYSV, 2, &big_type, big_args) != FFI_OK) return 6;
  ffi_call(&cif, (void (*)(void))make_big, &bv, big_values);
  printf("big: %lld %lld %lld size=%zu\n", (long long)bv.a, (long long)bv.b, (long long)bv.c, big_type.size);

  /* A variadic call into libc: snprintf(buffer, size, format, int, string, double, long long). */
  char text[128];
  char* buffer = text;
  size_t size = sizeof text;
  const char* format = "%d|%s|%.3f|%lld";
  int iv = -42;
  const char* sv_arg = "ffi";
  double dv = 3.14159;
  long long llv = 1LL << 60;
  ffi_type* var_args[] = { t_pointer, t_uint64, t_pointer, t_sint32, t_pointer, t_double, t_sint64 };
  void* var_values[] = { &buffer, &size, &format, &iv, &sv_arg, &dv, &llv };
  int64_t written = 0;
  if (ffi_prep_cif_var(&cif, FFI_SYSV, 3, 7, t_sint32, var_args) != FFI_OK) return 7;
  ffi_call(&cif, (void (*)(void))snprintf, &written, var_values);
  printf("snprintf: %d [%s]\n", (int)written, text);

  /* Closures: a qsort comparator and a direct call through the trampoline. */
  ffi_cif compare_cif;
  ffi_type* compare_args[] = { t_pointer, t_pointer };
  void* code = NULL;
  ffi_closure* closure = ffi_closure_alloc(sizeof(ffi_closure), &code);
  int calls = 0;
  if (closure == NULL || code == NULL) {
    printf("ffi_closure_alloc failed\n");
    return 8;
  }
  if (ffi_prep_cif(&compare_cif, FFI_SYSV, 2, t_sint32, compare_args) != FFI_OK ||
      ffi_prep_closure_loc(closure, &compare_cif, compare_ints, &calls, code) != FFI_OK)
    return 9;
  int numbers[64];
  for (int z = 0; z < 64; z++) numbers[z] = (z * 7919 + 13) % 1009 - 500;
  qsort(numbers, 64, sizeof numbers[0], (int (*)(const void*, const void*))code);
  int sorted = 1;
  for (int z = 1; z < 64; z++) sorted &= numbers[z - 1] <= numbers[z];
  printf("qsort sorted=%d first=%d last=%d compared=%d\n", sorted, numbers[0], numbers[63], calls > 0);
  ffi_closure_free(closure);

  ffi_cif dot_cif;
  ffi_type* dot_args[] = { t_double, t_double, t_float, t_sint32 };
  ffi_closure* dot = ffi_closure_alloc(sizeof(ffi_closure), &code);
  if (dot == NULL || ffi_prep_cif(&dot_cif, FFI_SYSV, 4, t_double, dot_args) != FFI_OK ||
      ffi_prep_closure_loc(dot, &dot_cif, dot2, NULL, code) != FFI_OK)
    return 10;
  double (*dot_fn)(double, double, float, int32_t) = (double (*)(double, double, float, int32_t))code;
  printf("closure dot: %.17g\n", dot_fn(1.5, -4.0, 0.25f, 1000));

  /* Cost of one ffi_call of many() and of one closure call, in guest time. */
  int calls_timed = 200;
  long long start = now_ns();
  for (int z = 0; z < calls_timed; z++) dot_fn(z, 2.0, 1.0f, z);
  long long closures_done = now_ns();
  ffi_type* add_args[] = { t_double, t_double, t_float, t_sint32 };
  if (ffi_prep_cif(&cif, FFI_SYSV, 4, t_double, add_args) != FFI_OK) return 11;
  double one = 1.0, two = 2.0, result;
  float half = 0.5f;
  int32_t three = 3;
  void* add_values[] = { &one, &two, &half, &three };
  long long calls_start = now_ns();
  for (int z = 0; z < calls_timed; z++) ffi_call(&cif, (void (*)(void))code, &result, add_values);
  long long calls_done = now_ns();
  printf("ffi_call of a closure: %.17g\n", result);
  printf("time closure_call_ns=%lld ffi_call_ns=%lld\n", (closures_done - start) / calls_timed,
         (calls_done - calls_start) / calls_timed);
  ffi_closure_free(dot);
  printf("ffi done\n");
  return 0;
}
