/* sys/wait.h for mdemu's test payloads, from the public NDK API (bionic's sys/wait.h and Linux's uapi). */
#pragma once
#include <sys/types.h>
#include <signal.h>

#ifndef ECHILD
#define ECHILD 10
#endif
#ifndef SIGCHLD
#define SIGCHLD 17
#endif

#define WNOHANG 1
#define WUNTRACED 2
#define WSTOPPED 2
#define WEXITED 4
#define WCONTINUED 8
#define WNOWAIT 0x01000000
#define WEXITSTATUS(s) (((s) & 0xff00) >> 8)
#define WTERMSIG(s) ((s) & 0x7f)
#define WCOREDUMP(s) ((s) & 0x80)
#define WIFEXITED(s) (WTERMSIG(s) == 0)
#define WIFSIGNALED(s) (WTERMSIG((s) + 1) >= 2)
#define WIFSTOPPED(s) (((s) & 0xff) == 0x7f)
#define CLD_EXITED 1
#define CLD_KILLED 2
#define CLD_DUMPED 3
typedef enum { P_ALL = 0, P_PID = 1, P_PGID = 2, P_PIDFD = 3 } idtype_t;
struct rusage;
typedef unsigned int id_t;

pid_t wait(int* status);
pid_t waitpid(pid_t pid, int* status, int options);
pid_t wait4(pid_t pid, int* status, int options, struct rusage* usage);
int waitid(idtype_t type, id_t id, siginfo_t* info, int options);
