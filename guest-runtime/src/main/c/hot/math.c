/*
 * mdemu's guest-code part of libm: the floating-point environment and the functions that are one AArch64
 * instruction (or a few bit operations). As guest code they cost a branch instead of a trap into Java, and they
 * obey the thread's real FPCR (rounding mode) and set its real FPSR flags exactly as the instruction does.
 * Each function names the instruction it is; the inline assembly keeps the compiler from choosing another.
 */
#include <stdint.h>


/* bionic's arm64 <fenv.h>: flags as FPSR bits, rounding modes as FPCR.RMode values. */
typedef struct { uint32_t control, status; } fenv_t;
typedef uint32_t fexcept_t;
#define ALL_EXCEPT 0x9f /* FE_INVALID | FE_DIVBYZERO | FE_OVERFLOW | FE_UNDERFLOW | FE_INEXACT | FE_DENORMAL */
#define RMODE_SHIFT 22

static inline uint32_t read_fpcr(void) { uint64_t v; __asm__ volatile("mrs %0, fpcr" : "=r"(v)); return (uint32_t)v; }
static inline uint32_t read_fpsr(void) { uint64_t v; __asm__ volatile("mrs %0, fpsr" : "=r"(v)); return (uint32_t)v; }
static inline void write_fpcr(uint32_t v) { __asm__ volatile("msr fpcr, %0" : : "r"((uint64_t)v)); }
static inline void write_fpsr(uint32_t v) { __asm__ volatile("msr fpsr, %0" : : "r"((uint64_t)v)); }

int fegetenv(fenv_t* env) {
  env->control = read_fpcr();
  env->status = read_fpsr();
  return 0;
}

int fesetenv(const fenv_t* env) {
  write_fpcr(env->control);
  write_fpsr(env->status);
  return 0;
}

int feclearexcept(int excepts) {
  write_fpsr(read_fpsr() & ~(uint32_t)(excepts & ALL_EXCEPT));
  return 0;
}

int fegetexceptflag(fexcept_t* flags, int excepts) {
  *flags = read_fpsr() & (uint32_t)(excepts & ALL_EXCEPT);
  return 0;
}

int fesetexceptflag(const fexcept_t* flags, int excepts) {
  uint32_t mask = (uint32_t)(excepts & ALL_EXCEPT);
  write_fpsr((read_fpsr() & ~mask) | (*flags & mask));
  return 0;
}

/* Sets the flags in FPSR, as bionic does: arm64 traps no FP exception, so raising one is setting its flag. */
int feraiseexcept(int excepts) {
  write_fpsr(read_fpsr() | (uint32_t)(excepts & ALL_EXCEPT));
  return 0;
}

int fetestexcept(int excepts) {
  return (int)(read_fpsr() & (uint32_t)(excepts & ALL_EXCEPT));
}

int fegetround(void) {
  return (int)((read_fpcr() >> RMODE_SHIFT) & 3);
}

int fesetround(int round) {
  if (round < 0 || round > 3) return -1;
  write_fpcr((read_fpcr() & ~(3u << RMODE_SHIFT)) | ((uint32_t)round << RMODE_SHIFT));
  return 0;
}

int feholdexcept(fenv_t* env) {
  fegetenv(env);
  write_fpsr(env->status & ~(uint32_t)ALL_EXCEPT);
  return 0;
}

int feupdateenv(const fenv_t* env) {
  uint32_t raised = read_fpsr() & ALL_EXCEPT;
  fesetenv(env);
  write_fpsr(read_fpsr() | raised);
  return 0;
}

/* No arm64 core Android runs on traps FP exceptions; bionic answers so. */
int feenableexcept(int mask) { (void)mask; return -1; }
int fedisableexcept(int mask) { (void)mask; return 0; }
int fegetexcept(void) { return 0; }

#define UNARY(name, type, insn, reg) \
  type name(type x) { __asm__(insn " %" reg "0, %" reg "0" : "+w"(x)); return x; }

UNARY(floor, double, "frintm", "d")
UNARY(floorf, float, "frintm", "s")
UNARY(ceil, double, "frintp", "d")
UNARY(ceilf, float, "frintp", "s")
UNARY(trunc, double, "frintz", "d")
UNARY(truncf, float, "frintz", "s")
UNARY(round, double, "frinta", "d")
UNARY(roundf, float, "frinta", "s")
UNARY(nearbyint, double, "frinti", "d") /* the current rounding mode, never FE_INEXACT */
UNARY(nearbyintf, float, "frinti", "s")
UNARY(fabs, double, "fabs", "d")
UNARY(fabsf, float, "fabs", "s")

/* rint raises FE_INEXACT for a non-integer, and the rint results of volatile asm are never reused across fesetround. */
double rint(double x) { __asm__ volatile("frintx %d0, %d0" : "+w"(x)); return x; }
float rintf(float x) { __asm__ volatile("frintx %s0, %s0" : "+w"(x)); return x; }
double sqrt(double x) { __asm__ volatile("fsqrt %d0, %d0" : "+w"(x)); return x; }
float sqrtf(float x) { __asm__ volatile("fsqrt %s0, %s0" : "+w"(x)); return x; }

double fma(double x, double y, double z) {
  __asm__ volatile("fmadd %d0, %d1, %d2, %d3" : "=w"(x) : "w"(x), "w"(y), "w"(z));
  return x;
}

float fmaf(float x, float y, float z) {
  __asm__ volatile("fmadd %s0, %s1, %s2, %s3" : "=w"(x) : "w"(x), "w"(y), "w"(z));
  return x;
}

/* IEEE 754-2008 minNum/maxNum: a quiet NaN operand is ignored, as C's fmin/fmax require. */
double fmin(double x, double y) { __asm__ volatile("fminnm %d0, %d0, %d1" : "+w"(x) : "w"(y)); return x; }
float fminf(float x, float y) { __asm__ volatile("fminnm %s0, %s0, %s1" : "+w"(x) : "w"(y)); return x; }
double fmax(double x, double y) { __asm__ volatile("fmaxnm %d0, %d0, %d1" : "+w"(x) : "w"(y)); return x; }
float fmaxf(float x, float y) { __asm__ volatile("fmaxnm %s0, %s0, %s1" : "+w"(x) : "w"(y)); return x; }

/* lrint: round in the current mode (FE_INEXACT if not an integer), then convert (FE_INVALID out of range). */
long lrint(double x) { long r; __asm__ volatile("frintx %d1, %d1\n\tfcvtzs %0, %d1" : "=r"(r), "+w"(x)); return r; }
long lrintf(float x) { long r; __asm__ volatile("frintx %s1, %s1\n\tfcvtzs %0, %s1" : "=r"(r), "+w"(x)); return r; }
long long llrint(double x) { return lrint(x); }
long long llrintf(float x) { return lrintf(x); }

/* lround: to nearest, ties away from zero, in one conversion. */
long lround(double x) { long r; __asm__ volatile("fcvtas %0, %d1" : "=r"(r) : "w"(x)); return r; }
long lroundf(float x) { long r; __asm__ volatile("fcvtas %0, %s1" : "=r"(r) : "w"(x)); return r; }
long long llround(double x) { return lround(x); }
long long llroundf(float x) { return lroundf(x); }

static inline uint64_t bits(double x) { union { double f; uint64_t i; } u = {x}; return u.i; }
static inline double from_bits(uint64_t i) { union { uint64_t i; double f; } u = {i}; return u.f; }
static inline uint32_t fbits(float x) { union { float f; uint32_t i; } u = {x}; return u.i; }
static inline float from_fbits(uint32_t i) { union { uint32_t i; float f; } u = {i}; return u.f; }

double copysign(double x, double y) { return from_bits((bits(x) & ~(1ull << 63)) | (bits(y) & (1ull << 63))); }
float copysignf(float x, float y) { return from_fbits((fbits(x) & ~(1u << 31)) | (fbits(y) & (1u << 31))); }

/*
 * x - y when x > y, +0 otherwise; a NaN operand gives a NaN (the addition quiets it, raising FE_INVALID if
 * signalling). The arithmetic is volatile asm: clang cannot be told FP flags matter on this target
 * (FENV_ACCESS is ignored) and would otherwise compute both branches, raising overflow for a branch not taken.
 */
double fdim(double x, double y) {
  if (x != x || y != y) { __asm__ volatile("fadd %d0, %d0, %d1" : "+w"(x) : "w"(y)); return x; }
  if (!(x > y)) return 0.0;
  __asm__ volatile("fsub %d0, %d0, %d1" : "+w"(x) : "w"(y));
  return x;
}

float fdimf(float x, float y) {
  if (x != x || y != y) { __asm__ volatile("fadd %s0, %s0, %s1" : "+w"(x) : "w"(y)); return x; }
  if (!(x > y)) return 0.0f;
  __asm__ volatile("fsub %s0, %s0, %s1" : "+w"(x) : "w"(y));
  return x;
}

int __signbit(double x) { return (int)(bits(x) >> 63); }
int __signbitf(float x) { return (int)(fbits(x) >> 31); }
int finite(double x) { return (bits(x) & 0x7ff0000000000000ull) != 0x7ff0000000000000ull; }
int finitef(float x) { return (fbits(x) & 0x7f800000u) != 0x7f800000u; }
