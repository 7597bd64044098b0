/*
 * libm conformance: every call prints "name mode args -> result flags" with arguments and results as IEEE bit
 * patterns, so the same program built for Android (run on mdemu) and for aarch64 glibc (run under qemu-aarch64)
 * can be compared by LibmConformanceTest within each function's ulp bound. Special values (signed zeros,
 * infinities, NaN, subnormals, extremes), then deterministic pseudo-random arguments; the rounding-mode dependent
 * functions under all four modes; the flags FE_INVALID, FE_DIVBYZERO and FE_OVERFLOW as fetestexcept reports them.
 * Self-contained declarations: the same file compiles against mdemu's NDK-like headers and glibc's.
 */
#include <stdint.h>

int printf(const char*, ...);
typedef struct { unsigned int control, status; } fenv_t;
int feclearexcept(int);
int fetestexcept(int);
int fesetround(int);
int fegetround(void);
int fegetenv(fenv_t*);
int fesetenv(const fenv_t*);
int feraiseexcept(int);
int feholdexcept(fenv_t*);
int feupdateenv(const fenv_t*);
#define FE_INVALID 1
#define FE_DIVBYZERO 2
#define FE_OVERFLOW 4
#define FE_UNDERFLOW 8
#define FE_INEXACT 16
#ifdef __ANDROID__
static const int modes[4] = {0, 1, 2, 3}; /* bionic: FPCR.RMode values */
#else
static const int modes[4] = {0, 0x400000, 0x800000, 0xc00000}; /* glibc: FPCR bits */
#endif

#define D1(f) double f(double);
#define F1(n) float n##f(float);
#define L1(f) long double f##l(long double);
#define ALL1(f) D1(f) F1(f) L1(f)
ALL1(sin) ALL1(cos) ALL1(tan) ALL1(asin) ALL1(acos) ALL1(atan) ALL1(sinh) ALL1(cosh) ALL1(tanh) ALL1(asinh)
ALL1(acosh) ALL1(atanh) ALL1(exp) ALL1(exp2) ALL1(expm1) ALL1(log) ALL1(log2) ALL1(log10) ALL1(log1p) ALL1(cbrt)
ALL1(sqrt) ALL1(erf) ALL1(erfc) ALL1(tgamma) ALL1(lgamma) ALL1(floor) ALL1(ceil) ALL1(trunc) ALL1(round)
ALL1(rint) ALL1(nearbyint) ALL1(fabs) ALL1(logb) ALL1(significand)
D1(j0) D1(j1) D1(y0) D1(y1) F1(j0) F1(j1) F1(y0) F1(y1)
double jn(int, double); double yn(int, double); float jnf(int, float); float ynf(int, float);
#define ALL2(n) double n(double, double); float n##f(float, float); long double n##l(long double, long double);
ALL2(pow) ALL2(atan2) ALL2(hypot) ALL2(fmod) ALL2(remainder) ALL2(fmin) ALL2(fmax) ALL2(fdim) ALL2(copysign)
ALL2(nextafter)
double fma(double, double, double); float fmaf(float, float, float); long double fmal(long double, long double, long double);
long lrint(double); long lrintf(float); long lrintl(long double);
long lround(double); long lroundf(float); long lroundl(long double);
double scalbn(double, int); float scalbnf(float, int); long double scalbnl(long double, int);
double frexp(double, int*); float frexpf(float, int*); long double frexpl(long double, int*);
int ilogb(double); int ilogbf(float); int ilogbl(long double);
double remquo(double, double, int*); float remquof(float, float, int*); long double remquol(long double, long double, int*);
double modf(double, double*); float modff(float, float*); long double modfl(long double, long double*);
double nexttoward(double, long double); float nexttowardf(float, long double);
void sincos(double, double*, double*);
#define CX(n) double _Complex n(double _Complex); float _Complex n##f(float _Complex); \
  long double _Complex n##l(long double _Complex);
CX(cexp) CX(clog) CX(csqrt) CX(csin) CX(ccos) CX(ctan) CX(csinh) CX(ccosh) CX(ctanh) CX(casin) CX(cacos) CX(catan)
CX(casinh) CX(cacosh) CX(catanh) CX(conj) CX(cproj)
double cabs(double _Complex); float cabsf(float _Complex); long double cabsl(long double _Complex);
double carg(double _Complex); float cargf(float _Complex); long double cargl(long double _Complex);
double _Complex cpow(double _Complex, double _Complex);
long double _Complex cpowl(long double _Complex, long double _Complex);

static uint64_t seed = 0x2545f4914f6cdd1dULL;
static uint64_t next(void) {
  seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17;
  return seed;
}
static uint64_t dbits(double x) { union { double f; uint64_t i; } u = {x}; return u.i; }
static double dfrom(uint64_t i) { union { uint64_t i; double f; } u = {i}; return u.f; }
static uint32_t fbits(float x) { union { float f; uint32_t i; } u = {x}; return u.i; }
typedef struct { uint64_t lo, hi; } q128;
static q128 lbits(long double x) { union { long double f; q128 q; } u; u.f = x; return u.q; }
static long double lfrom(uint64_t lo, uint64_t hi) { union { q128 q; long double f; } u; u.q.lo = lo; u.q.hi = hi; return u.f; }

/*
 * double -> long double by bits: payloads are linked without compiler-rt here, so no binary128 arithmetic or
 * conversion may appear in this file. tweak() sets low fraction bits a double cannot hold.
 */
static long double widen(double x) {
  uint64_t b = dbits(x), sign = b & 0x8000000000000000ULL;
  int e = (int)((b >> 52) & 0x7ff);
  uint64_t f = b & 0xfffffffffffffULL;
  if (e == 0x7ff) return lfrom(f << 60, sign | 0x7fff000000000000ULL | f >> 4);
  if (e == 0) {
    if (f == 0) return lfrom(0, sign);
    e = 1;
    while (!(f & 0x10000000000000ULL)) { f <<= 1; e--; }
    f &= 0xfffffffffffffULL;
  }
  uint64_t ex = (uint64_t)(e - 1023 + 16383);
  return lfrom(f << 60, sign | ex << 48 | f >> 4);
}
static long double tweak(long double x, int k) {
  q128 q = lbits(x);
  if (((q.hi >> 48) & 0x7fff) == 0x7fff || ((q.hi << 1) | q.lo) == 0) return x;
  return lfrom(q.lo | ((uint64_t)k << 20), q.hi);
}

#define CHECKED (FE_INVALID | FE_DIVBYZERO | FE_OVERFLOW)
static int flags(void) { return fetestexcept(CHECKED); }

/* Arguments: special values, then random ones spread over 2^-lo .. 2^hi. */
#define NSPECIAL 18
static double special(int i) {
  static const uint64_t s[NSPECIAL] = {0, 0x8000000000000000ULL, 0x7ff0000000000000ULL, 0xfff0000000000000ULL,
    0x7ff8000000000000ULL, 1, 0x8000000000000001ULL, 0x7fefffffffffffffULL, 0xffefffffffffffffULL,
    0x3ff0000000000000ULL, 0xbff0000000000000ULL, 0x3fe0000000000000ULL, 0x4000000000000000ULL,
    0xc004000000000000ULL, 0x4024000000000000ULL, 0x400921fb54442d18ULL, 0x3e45798ee2308c3aULL, 0x0010000000000000ULL};
  return dfrom(s[i]);
}
static double sample(int i, int lo, int hi) {
  if (i < NSPECIAL) return special(i);
  uint64_t r = next();
  int e = lo + (int)(r % (uint64_t)(hi - lo + 1));
  double m = 1.0 + (double)(r >> 11) / 9007199254740992.0;
  double x = m;
  while (e > 0) { x *= 2; e--; }
  while (e < 0) { x /= 2; e++; }
  return (next() & 1) ? -x : x;
}
#define N 32

#define RUN1(name, LO, HI) do { \
  for (int i = 0; i < N; i++) { \
    double x = sample(i, LO, HI); \
    feclearexcept(CHECKED); double r = name(x); int fl = flags(); \
    printf("%s 0 %016llx -> %016llx %d\n", #name, (unsigned long long)dbits(x), (unsigned long long)dbits(r), fl); \
    float xf = (float)x; \
    feclearexcept(CHECKED); float rf = name##f(xf); fl = flags(); \
    printf("%sf 0 %08x -> %08x %d\n", #name, fbits(xf), fbits(rf), fl); \
    long double xl = tweak(widen(x), i & 7); \
    feclearexcept(CHECKED); long double rl = name##l(xl); fl = flags(); \
    q128 a = lbits(xl), b = lbits(rl); \
    printf("%sl 0 %016llx%016llx -> %016llx%016llx %d\n", #name, (unsigned long long)a.hi, (unsigned long long)a.lo, \
           (unsigned long long)b.hi, (unsigned long long)b.lo, fl); \
  } } while (0)

#define RUN1D(name, LO, HI) do { \
  for (int i = 0; i < N; i++) { \
    double x = sample(i, LO, HI); \
    feclearexcept(CHECKED); double r = name(x); int fl = flags(); \
    printf("%s 0 %016llx -> %016llx %d\n", #name, (unsigned long long)dbits(x), (unsigned long long)dbits(r), fl); \
    float xf = (float)x; \
    feclearexcept(CHECKED); float rf = name##f(xf); fl = flags(); \
    printf("%sf 0 %08x -> %08x %d\n", #name, fbits(xf), fbits(rf), fl); \
  } } while (0)

#define RUN2(name, LO, HI) do { \
  for (int i = 0; i < N; i++) for (int j = 0; j < 4; j++) { \
    double x = sample(i, LO, HI), y = j < 2 ? special((i * 7 + j) % NSPECIAL) : sample(NSPECIAL, LO, HI); \
    feclearexcept(CHECKED); double r = name(x, y); int fl = flags(); \
    printf("%s 0 %016llx %016llx -> %016llx %d\n", #name, (unsigned long long)dbits(x), (unsigned long long)dbits(y), \
           (unsigned long long)dbits(r), fl); \
    feclearexcept(CHECKED); float rf = name##f((float)x, (float)y); fl = flags(); \
    printf("%sf 0 %08x %08x -> %08x %d\n", #name, fbits((float)x), fbits((float)y), fbits(rf), fl); \
    long double xl = widen(x), yl = widen(y); \
    feclearexcept(CHECKED); long double rl = name##l(xl, yl); fl = flags(); \
    q128 b = lbits(rl); \
    printf("%sl 0 %016llx %016llx -> %016llx%016llx %d\n", #name, (unsigned long long)dbits(x), \
           (unsigned long long)dbits(y), (unsigned long long)b.hi, (unsigned long long)b.lo, fl); \
  } } while (0)

/* Rounding-mode dependent: every call under the four modes. */
#define RUNMODES(name, LO, HI) do { \
  for (int m = 0; m < 4; m++) for (int i = 0; i < N; i++) { \
    double x = sample(i, LO, HI); \
    fesetround(modes[m]); \
    feclearexcept(CHECKED | FE_INEXACT); double r = name(x); int fl = fetestexcept(CHECKED | FE_INEXACT); \
    float rf = name##f((float)x); \
    long double xl = tweak(widen(x), 1 + (i & 3)); long double rl = name##l(xl); \
    fesetround(modes[0]); \
    q128 b = lbits(rl), a = lbits(xl); \
    printf("%s %d %016llx -> %016llx %d\n", #name, m, (unsigned long long)dbits(x), (unsigned long long)dbits(r), fl); \
    printf("%sf %d %08x -> %08x 0\n", #name, m, fbits((float)x), fbits(rf)); \
    printf("%sl %d %016llx%016llx -> %016llx%016llx 0\n", #name, m, (unsigned long long)a.hi, (unsigned long long)a.lo, \
           (unsigned long long)b.hi, (unsigned long long)b.lo); \
  } } while (0)

/* Complex functions on finite arguments, zeros of both signs included (branch cuts follow the zero's sign). */
#define RUNC(name, LO, HI) do { \
  for (int i = 0; i < 14; i++) { \
    double x = i < 4 ? (i & 1 ? -0.0 : 0.0) : sample(NSPECIAL + i, LO, HI); \
    double y = i < 8 ? ((i >> 1) & 1 ? -0.0 : 0.0) : sample(NSPECIAL + i, LO, HI); \
    if (i >= 4 && i < 8) x = sample(NSPECIAL, LO, HI); \
    double _Complex r = name(__builtin_complex(x, y)); \
    float _Complex rf = name##f(__builtin_complex((float)x, (float)y)); \
    long double _Complex rl = name##l(__builtin_complex(widen(x), widen(y))); \
    q128 a = lbits(__real__ rl), b = lbits(__imag__ rl); \
    printf("%s 0 %016llx %016llx -> %016llx %016llx\n", #name, (unsigned long long)dbits(x), (unsigned long long)dbits(y), \
           (unsigned long long)dbits(__real__ r), (unsigned long long)dbits(__imag__ r)); \
    printf("%sf 0 %08x %08x -> %08x %08x\n", #name, fbits((float)x), fbits((float)y), fbits(__real__ rf), fbits(__imag__ rf)); \
    printf("%sl 0 %016llx %016llx -> %016llx%016llx %016llx%016llx\n", #name, (unsigned long long)dbits(x), \
           (unsigned long long)dbits(y), (unsigned long long)a.hi, (unsigned long long)a.lo, (unsigned long long)b.hi, \
           (unsigned long long)b.lo); \
  } } while (0)

static void complexes(void) {
  RUNC(cexp, -10, 5); RUNC(clog, -20, 20); RUNC(csqrt, -20, 20); RUNC(csin, -10, 3); RUNC(ccos, -10, 3);
  RUNC(ctan, -10, 3); RUNC(csinh, -10, 3); RUNC(ccosh, -10, 3); RUNC(ctanh, -10, 3); RUNC(casin, -10, 10);
  RUNC(cacos, -10, 10); RUNC(catan, -10, 10); RUNC(casinh, -10, 10); RUNC(cacosh, -10, 10); RUNC(catanh, -10, 10);
  RUNC(conj, -20, 20); RUNC(cproj, -20, 20);
  for (int i = 0; i < N; i++) {
    double x = sample(NSPECIAL + i, -10, 10), y = sample(NSPECIAL + i, -10, 10);
    double u = sample(NSPECIAL + i, -3, 3), v = sample(NSPECIAL + i, -3, 3);
    double _Complex z = __builtin_complex(x, y);
    long double _Complex zl = __builtin_complex(widen(x), widen(y));
    double _Complex p = cpow(z, __builtin_complex(u, v));
    long double _Complex pl = cpowl(zl, __builtin_complex(widen(u), widen(v)));
    q128 a = lbits(cabsl(zl)), b = lbits(cargl(zl)), c = lbits(__real__ pl), d = lbits(__imag__ pl);
    printf("cabs 0 %016llx %016llx -> %016llx %08x %016llx%016llx\n", (unsigned long long)dbits(x),
           (unsigned long long)dbits(y), (unsigned long long)dbits(cabs(z)), fbits(cabsf(__builtin_complex((float)x, (float)y))),
           (unsigned long long)a.hi, (unsigned long long)a.lo);
    printf("carg 0 %016llx %016llx -> %016llx %08x %016llx%016llx\n", (unsigned long long)dbits(x),
           (unsigned long long)dbits(y), (unsigned long long)dbits(carg(z)), fbits(cargf(__builtin_complex((float)x, (float)y))),
           (unsigned long long)b.hi, (unsigned long long)b.lo);
    printf("cpow 0 %016llx %016llx %016llx %016llx -> %016llx %016llx\n", (unsigned long long)dbits(x),
           (unsigned long long)dbits(y), (unsigned long long)dbits(u), (unsigned long long)dbits(v),
           (unsigned long long)dbits(__real__ p), (unsigned long long)dbits(__imag__ p));
    printf("cpowl 0 %016llx %016llx %016llx %016llx -> %016llx%016llx %016llx%016llx\n", (unsigned long long)dbits(x),
           (unsigned long long)dbits(y), (unsigned long long)dbits(u), (unsigned long long)dbits(v),
           (unsigned long long)c.hi, (unsigned long long)c.lo, (unsigned long long)d.hi, (unsigned long long)d.lo);
  }
}

static int run(void) {
  RUN1(sin, -30, 60); RUN1(cos, -30, 60); RUN1(tan, -30, 30); RUN1(asin, -30, 0); RUN1(acos, -30, 0);
  RUN1(atan, -30, 60); RUN1(sinh, -30, 10); RUN1(cosh, -30, 10); RUN1(tanh, -30, 6); RUN1(asinh, -30, 60);
  RUN1(acosh, 0, 60); RUN1(atanh, -30, 0); RUN1(exp, -30, 10); RUN1(exp2, -30, 10); RUN1(expm1, -30, 10);
  RUN1(log, -60, 60); RUN1(log2, -60, 60); RUN1(log10, -60, 60); RUN1(log1p, -30, 60); RUN1(cbrt, -60, 60);
  RUN1(erf, -30, 3); RUN1(erfc, -30, 5); RUN1(tgamma, -10, 7); RUN1(lgamma, -10, 20);
  RUN1(fabs, -60, 60); RUN1(logb, -60, 60); RUN1(significand, -60, 60);
  RUN1D(j0, -10, 8); RUN1D(j1, -10, 8); RUN1D(y0, -10, 8); RUN1D(y1, -10, 8);
  for (int n = -3; n < 12; n += 3) for (int i = 0; i < N; i++) {
    double x = sample(i, -5, 7);
    feclearexcept(CHECKED); double r = jn(n, x); int fl = flags();
    printf("jn %d %016llx -> %016llx %d\n", n, (unsigned long long)dbits(x), (unsigned long long)dbits(r), fl);
    feclearexcept(CHECKED); r = yn(n, x); fl = flags();
    printf("yn %d %016llx -> %016llx %d\n", n, (unsigned long long)dbits(x), (unsigned long long)dbits(r), fl);
  }
  RUN2(pow, -8, 8); RUN2(atan2, -30, 30); RUN2(hypot, -60, 60); RUN2(fmod, -30, 60); RUN2(remainder, -30, 60);
  RUN2(fmin, -30, 30); RUN2(fmax, -30, 30); RUN2(fdim, -30, 30); RUN2(copysign, -30, 30); RUN2(nextafter, -30, 30);
  RUNMODES(rint, -5, 60); RUNMODES(nearbyint, -5, 60); RUNMODES(floor, -5, 60); RUNMODES(ceil, -5, 60);
  RUNMODES(trunc, -5, 60); RUNMODES(round, -5, 60); RUNMODES(sqrt, -60, 60);
  for (int m = 0; m < 4; m++) for (int i = 0; i < N; i++) {
    double x = sample(i, -20, 20), y = sample(i + 1, -20, 20), z = sample(i + 2, -20, 20);
    fesetround(modes[m]);
    double r = fma(x, y, z); float rf = fmaf((float)x, (float)y, (float)z);
    long double rl = fmal(widen(x), widen(y), widen(z)); long lr = lrint(x); long lrl = lrintl(tweak(widen(x), 3));
    double s = scalbn(x, (int)(next() % 2200) - 1100);
    long double sl = scalbnl(widen(x), (int)(next() % 33000) - 16500);
    fesetround(modes[0]);
    q128 b = lbits(rl), c = lbits(sl);
    printf("fma %d %016llx %016llx %016llx -> %016llx\n", m, (unsigned long long)dbits(x), (unsigned long long)dbits(y),
           (unsigned long long)dbits(z), (unsigned long long)dbits(r));
    printf("fmaf %d %08x %08x %08x -> %08x\n", m, fbits((float)x), fbits((float)y), fbits((float)z), fbits(rf));
    printf("fmal %d %016llx %016llx %016llx -> %016llx%016llx\n", m, (unsigned long long)dbits(x),
           (unsigned long long)dbits(y), (unsigned long long)dbits(z), (unsigned long long)b.hi, (unsigned long long)b.lo);
    if (x > -9e18 && x < 9e18) printf("lrint %d %016llx -> %ld %ld\n", m, (unsigned long long)dbits(x), lr, lrl);
    printf("scalbn %d %016llx -> %016llx\n", m, (unsigned long long)dbits(x), (unsigned long long)dbits(s));
    printf("scalbnl %d %016llx -> %016llx%016llx\n", m, (unsigned long long)dbits(x), (unsigned long long)c.hi,
           (unsigned long long)c.lo);
  }
  for (int i = 0; i < N; i++) {
    double x = sample(i, -30, 60), y = sample(i + 5, -10, 10);
    int e = 0, el = 0, q = 0, ql = 0; double ip; long double ipl;
    double fr = frexp(x, &e); long double frl = frexpl(widen(x), &el);
    double rq = remquo(x, y, &q); long double rql = remquol(widen(x), widen(y), &ql);
    double mf = modf(x, &ip); long double mfl = modfl(widen(x), &ipl);
    double s = 0, c = 0; sincos(x, &s, &c);
    q128 a = lbits(frl), b = lbits(rql), d = lbits(mfl), g = lbits(ipl);
    printf("frexp 0 %016llx -> %016llx %d %016llx%016llx %d\n", (unsigned long long)dbits(x), (unsigned long long)dbits(fr),
           e, (unsigned long long)a.hi, (unsigned long long)a.lo, el);
    if (x == x && y == y && x - x == 0 && y != 0)
      printf("remquo 0 %016llx %016llx -> %016llx %d %016llx%016llx %d\n", (unsigned long long)dbits(x),
             (unsigned long long)dbits(y), (unsigned long long)dbits(rq), q & 7, (unsigned long long)b.hi,
             (unsigned long long)b.lo, ql & 7);
    printf("modf 0 %016llx -> %016llx %016llx %016llx%016llx %016llx%016llx\n", (unsigned long long)dbits(x),
           (unsigned long long)dbits(mf), (unsigned long long)dbits(ip), (unsigned long long)d.hi,
           (unsigned long long)d.lo, (unsigned long long)g.hi, (unsigned long long)g.lo);
    printf("ilogb 0 %016llx -> %d %d %d\n", (unsigned long long)dbits(x), ilogb(x), ilogbf((float)x), ilogbl(widen(x)));
    printf("sincos 0 %016llx -> %016llx %016llx\n", (unsigned long long)dbits(x), (unsigned long long)dbits(s),
           (unsigned long long)dbits(c));
    printf("nexttoward 0 %016llx -> %016llx %08x\n", (unsigned long long)dbits(x),
           (unsigned long long)dbits(nexttoward(x, widen(y))), fbits(nexttowardf((float)x, widen(y))));
  }
  complexes();
  /* The environment itself: guest FP instructions set flags that fetestexcept sees; rounding modes round them. */
  volatile double one = 1.0, three = 3.0, zero = 0.0, big = 0x1p1000;
  feclearexcept(0x1f);
  volatile double q = one / three;
  printf("env inexact %d\n", fetestexcept(0x1f));
  feclearexcept(0x1f);
  q = one / zero;
  printf("env divbyzero %d\n", fetestexcept(0x1f));
  feclearexcept(0x1f);
  q = big * big;
  printf("env overflow %d\n", fetestexcept(0x1f));
  feclearexcept(0x1f);
  q = zero / zero;
  printf("env invalid %d\n", fetestexcept(0x1f));
  for (int m = 0; m < 4; m++) {
    fesetround(modes[m]);
    volatile double r = one / three, n = -one / three;
    int got = fegetround() == modes[m];
    fesetround(modes[0]);
    printf("env mode %d %016llx %016llx %d\n", m, (unsigned long long)dbits(r), (unsigned long long)dbits(n), got);
  }
  fenv_t env, held;
  feclearexcept(0x1f);
  feraiseexcept(FE_OVERFLOW);
  fegetenv(&env);
  feholdexcept(&held);
  printf("env hold %d\n", fetestexcept(0x1f));
  q = one / three;
  feupdateenv(&held);
  printf("env update %d\n", fetestexcept(0x1f));
  feclearexcept(0x1f);
  fesetenv(&env);
  printf("env set %d\n", fetestexcept(0x1f));
  feclearexcept(0x1f);
  (void)q;
  printf("libm_conformance done\n");
  return 0;
}

#ifdef __ANDROID__
int AVmPayload_main(void) { return run(); }
#else
int main(void) { return run(); }
#endif
