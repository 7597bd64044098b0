/* bionic's <fenv.h> for arm64: fenv_t is FPCR and FPSR. */
#pragma once
#include <sys/cdefs.h>
__BEGIN_DECLS
typedef struct { unsigned int __control; unsigned int __status; } fenv_t;
typedef unsigned int fexcept_t;
#define FE_INVALID 0x01
#define FE_DIVBYZERO 0x02
#define FE_OVERFLOW 0x04
#define FE_UNDERFLOW 0x08
#define FE_INEXACT 0x10
#define FE_DENORMAL 0x80
#define FE_ALL_EXCEPT (FE_DIVBYZERO | FE_INEXACT | FE_INVALID | FE_OVERFLOW | FE_UNDERFLOW | FE_DENORMAL)
#define FE_TONEAREST 0x0
#define FE_UPWARD 0x1
#define FE_DOWNWARD 0x2
#define FE_TOWARDZERO 0x3
extern const fenv_t __fe_dfl_env;
#define FE_DFL_ENV (&__fe_dfl_env)
int feclearexcept(int); int fegetexceptflag(fexcept_t*, int); int feraiseexcept(int);
int fesetexceptflag(const fexcept_t*, int); int fetestexcept(int); int fegetround(void); int fesetround(int);
int fegetenv(fenv_t*); int feholdexcept(fenv_t*); int fesetenv(const fenv_t*); int feupdateenv(const fenv_t*);
__END_DECLS
