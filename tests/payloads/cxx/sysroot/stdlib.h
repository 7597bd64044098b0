/* bionic's <stdlib.h> for arm64, written for mdemu's C++ test payloads. */
#pragma once
#include <sys/cdefs.h>
#include <bits/types.h>
#include <xlocale.h>
__BEGIN_DECLS
#define EXIT_FAILURE 1
#define EXIT_SUCCESS 0
#define RAND_MAX 0x7fffffff
#define MB_CUR_MAX __ctype_get_mb_cur_max()
size_t __ctype_get_mb_cur_max(void);
typedef struct { int quot; int rem; } div_t;
typedef struct { long quot; long rem; } ldiv_t;
typedef struct { long long quot; long long rem; } lldiv_t;
__noreturn void abort(void);
__noreturn void exit(int);
__noreturn void _Exit(int);
int atexit(void (*)(void));
int at_quick_exit(void (*)(void));
__noreturn void quick_exit(int);
char* getenv(const char*);
int putenv(char*);
int setenv(const char*, const char*, int);
int unsetenv(const char*);
int clearenv(void);
char* mkdtemp(char*);
char* mktemp(char*);
int mkstemp(char*);
long strtol(const char*, char**, int);
long long strtoll(const char*, char**, int);
unsigned long strtoul(const char*, char**, int);
unsigned long long strtoull(const char*, char**, int);
double strtod(const char*, char**);
float strtof(const char*, char**);
long double strtold(const char*, char**);
long double strtold_l(const char*, char**, locale_t);
long long strtoll_l(const char*, char**, int, locale_t);
unsigned long long strtoull_l(const char*, char**, int, locale_t);
double strtod_l(const char*, char**, locale_t);
float strtof_l(const char*, char**, locale_t);
long strtol_l(const char*, char**, int, locale_t);
unsigned long strtoul_l(const char*, char**, int, locale_t);
int atoi(const char*);
long atol(const char*);
long long atoll(const char*);
double atof(const char*);
char* realpath(const char*, char*);
int system(const char*);
void* bsearch(const void*, const void*, size_t, size_t, int (*)(const void*, const void*));
void qsort(void*, size_t, size_t, int (*)(const void*, const void*));
uint32_t arc4random(void);
uint32_t arc4random_uniform(uint32_t);
void arc4random_buf(void*, size_t);
int rand(void);
void srand(unsigned);
long random(void);
void srandom(unsigned);
int rand_r(unsigned*);
double drand48(void);
long lrand48(void);
void* malloc(size_t);
void* calloc(size_t, size_t);
void* realloc(void*, size_t);
void free(void*);
void* aligned_alloc(size_t, size_t);
int posix_memalign(void**, size_t, size_t);
void* memalign(size_t, size_t);
int abs(int) __attribute__((__const__));
long labs(long) __attribute__((__const__));
long long llabs(long long) __attribute__((__const__));
div_t div(int, int) __attribute__((__const__));
ldiv_t ldiv(long, long) __attribute__((__const__));
lldiv_t lldiv(long long, long long) __attribute__((__const__));
int mblen(const char*, size_t);
size_t mbstowcs(wchar_t*, const char*, size_t);
int mbtowc(wchar_t*, const char*, size_t);
int wctomb(char*, wchar_t);
size_t wcstombs(char*, const wchar_t*, size_t);
__END_DECLS
