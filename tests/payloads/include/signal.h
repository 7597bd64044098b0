/* Signals as bionic's arm64 (LP64) ABI has them, declared for mdemu's test sysroot from the public API. */
#pragma once
#include "stddef_ext.h"
typedef unsigned long sigset_t;
typedef void (*sighandler_t)(int);
typedef struct { int si_signo; int si_errno; int si_code; int __pad; union { void* si_addr; int si_pid; }; char __rest[96]; } siginfo_t;
struct sigaction { int sa_flags; union { sighandler_t sa_handler; void (*sa_sigaction)(int, siginfo_t*, void*); };
                   sigset_t sa_mask; void (*sa_restorer)(void); };
typedef struct { void* ss_sp; int ss_flags; size_t ss_size; } stack_t;
#define SIGABRT 6
#define SIGSEGV 11
#define SIGUSR1 10
#define SIGUSR2 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGTERM 15
#define SIG_DFL ((sighandler_t)0)
#define SIG_IGN ((sighandler_t)1)
#define SA_SIGINFO 4
#define SA_ONSTACK 0x08000000
#define SA_RESTART 0x10000000
#define SA_NODEFER 0x40000000
#define SA_RESETHAND 0x80000000
#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2
#define SEGV_MAPERR 1
#define SIGSTKSZ 16384
int sigaction(int sig, const struct sigaction* act, struct sigaction* old);
sighandler_t signal(int sig, sighandler_t handler);
int sigemptyset(sigset_t* set);
int sigfillset(sigset_t* set);
int sigaddset(sigset_t* set, int sig);
int sigdelset(sigset_t* set, int sig);
int sigismember(const sigset_t* set, int sig);
int sigprocmask(int how, const sigset_t* set, sigset_t* old);
int pthread_sigmask(int how, const sigset_t* set, sigset_t* old);
int sigpending(sigset_t* set);
int sigaltstack(const stack_t* ss, stack_t* old);
int raise(int sig);
int kill(pid_t pid, int sig);
/* Real-time signals: bionic reserves the first ones for itself. */
int __libc_current_sigrtmin(void);
int __libc_current_sigrtmax(void);
#define SIGRTMIN (__libc_current_sigrtmin())
#define SIGRTMAX (__libc_current_sigrtmax())
