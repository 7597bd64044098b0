/* bionic's <sys/cdefs.h> essentials, written for mdemu's C++ test payloads. */
#pragma once
#define __BIONIC__ 1
#ifdef __cplusplus
#define __BEGIN_DECLS extern "C" {
#define __END_DECLS }
#else
#define __BEGIN_DECLS
#define __END_DECLS
#endif
#define __noreturn __attribute__((__noreturn__))
#define __printflike(x, y) __attribute__((__format__(printf, x, y)))
#define __INTRODUCED_IN(api)
#define __RENAME(x) __asm__(#x)
#define __LP64__ 1
