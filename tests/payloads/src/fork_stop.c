/* Stopped and continued children (issue 12): wait4/waitpid with WUNTRACED report a stop once (WIFSTOPPED,
   WSTOPSIG), WCONTINUED a continue once (WIFCONTINUED); waitid with WSTOPPED/WCONTINUED gives CLD_STOPPED and
   CLD_CONTINUED with si_status; SIGCHLD carries those codes unless SA_NOCLDSTOP; wait4's rusage and
   getrusage(RUSAGE_CHILDREN) carry the child's CPU time. One line per check; the exit code is the number of
   failures. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

pid_t fork(void);
void _exit(int status) __attribute__((noreturn));
int usleep(unsigned int usec);

#define SIGCONT_ 18
#define SIGSTOP_ 19
#define SIGTSTP_ 20
#define SA_NOCLDSTOP_ 1
#define CLD_STOPPED_ 5
#define CLD_CONTINUED_ 6
#define RUSAGE_CHILDREN_ (-1)
#define WIFCONTINUED_(s) ((s) == 0xffff)
#define WSTOPSIG_(s) WEXITSTATUS(s)

static int failures;

static void check(const char* name, int ok, long detail) {
  if (ok) printf("ok %s\n", name);
  else { printf("FAIL %s: %ld (errno %d)\n", name, detail, errno); failures++; }
  fflush(stdout);
}

static volatile int codes[16], pids[16], statuses[16], seen;

static void on_child(int sig, siginfo_t* info, void* context) {
  (void) sig;
  (void) context;
  if (seen < 16) {
    codes[seen] = info->si_code;
    pids[seen] = info->si_pid;
    statuses[seen] = *(int*) ((char*) info + 24);
    seen++;
  }
}

static void handle_sigchld(int flags) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_child;
  sa.sa_flags = SA_SIGINFO | SA_RESTART | flags;
  sigaction(SIGCHLD, &sa, NULL);
  seen = 0;
}

static int saw(int code, int pid, int status) {
  for (int i = 0; i < seen; i++) if (codes[i] == code && pids[i] == pid && statuses[i] == status) return 1;
  return 0;
}

/* SIGCHLD is asynchronous (for a continue, Linux sends it when the child runs again): wait for it, bounded. */
static int arrives(int code, int pid, int status) {
  for (int i = 0; i < 500 && !saw(code, pid, status); i++) usleep(2000);
  return saw(code, pid, status);
}

static long micros(struct timeval t) {
  return t.tv_sec * 1000000L + t.tv_usec;
}

static void stop_and_continue(void) {
  handle_sigchld(0);
  int go[2];
  pipe(go);
  pid_t pid = fork();
  if (pid == 0) {
    raise(SIGSTOP_);
    char c;
    read(go[0], &c, 1);
    raise(SIGTSTP_);
    volatile unsigned long x = 0;
    for (unsigned long i = 0; i < 30000000UL; i++) x += i;
    _exit(5);
  }
  int st = 0;
  pid_t r = waitpid(pid, &st, WUNTRACED);
  check("waitpid WUNTRACED reports the stop", r == pid && WIFSTOPPED(st) && WSTOPSIG_(st) == SIGSTOP_, st);
  check("the stop is reported once", waitpid(pid, &st, WUNTRACED | WNOHANG) == 0, st);
  check("SIGCHLD with CLD_STOPPED and SIGSTOP", arrives(CLD_STOPPED_, pid, SIGSTOP_), seen);
  kill(pid, SIGCONT_);
  r = waitpid(pid, &st, WCONTINUED);
  check("waitpid WCONTINUED reports the continue", r == pid && WIFCONTINUED_(st), st);
  check("the continue is reported once", waitpid(pid, &st, WCONTINUED | WNOHANG) == 0, st);
  check("SIGCHLD with CLD_CONTINUED and SIGCONT", arrives(CLD_CONTINUED_, pid, SIGCONT_), seen);
  write(go[1], "g", 1);

  siginfo_t si;
  memset(&si, 0, sizeof si);
  int w = waitid(P_PID, pid, &si, WSTOPPED);
  check("waitid WSTOPPED: CLD_STOPPED, si_status SIGTSTP",
        w == 0 && si.si_code == CLD_STOPPED_ && si.si_pid == pid && *(int*) ((char*) &si + 24) == SIGTSTP_, si.si_code);
  memset(&si, 0, sizeof si);
  check("waitid WSTOPPED|WNOHANG finds nothing more", waitid(P_PID, pid, &si, WSTOPPED | WNOHANG) == 0 && si.si_pid == 0,
        si.si_pid);
  kill(pid, SIGCONT_);
  memset(&si, 0, sizeof si);
  w = waitid(P_PID, pid, &si, WCONTINUED);
  check("waitid WCONTINUED: CLD_CONTINUED, si_status SIGCONT",
        w == 0 && si.si_code == CLD_CONTINUED_ && si.si_pid == pid && *(int*) ((char*) &si + 24) == SIGCONT_, si.si_code);

  struct rusage ru;
  memset(&ru, 0, sizeof ru);
  r = wait4(pid, &st, 0, &ru);
  check("wait4 reaps the child's exit", r == pid && WIFEXITED(st) && WEXITSTATUS(st) == 5, st);
  check("wait4's rusage carries the child's CPU time", micros(ru.ru_utime) + micros(ru.ru_stime) > 0, micros(ru.ru_utime));
  check("SIGCHLD with CLD_EXITED and 5", arrives(CLD_EXITED, pid, 5), seen);
  struct rusage children;
  getrusage(RUSAGE_CHILDREN_, &children);
  check("RUSAGE_CHILDREN includes the waited-for child",
        micros(children.ru_utime) >= micros(ru.ru_utime) && micros(children.ru_utime) + micros(children.ru_stime) > 0,
        micros(children.ru_utime));
  close(go[0]);
  close(go[1]);
}

static void no_cld_stop(void) {
  handle_sigchld(SA_NOCLDSTOP_);
  pid_t pid = fork();
  if (pid == 0) {
    raise(SIGSTOP_);
    _exit(6);
  }
  int st = 0;
  pid_t r = waitpid(pid, &st, WUNTRACED);
  check("SA_NOCLDSTOP: the stop is still reported to waitpid", r == pid && WIFSTOPPED(st), st);
  kill(pid, SIGCONT_);
  r = waitpid(pid, &st, 0);
  check("SA_NOCLDSTOP: the child exits 6", r == pid && WIFEXITED(st) && WEXITSTATUS(st) == 6, st);
  int exited = arrives(CLD_EXITED, pid, 6);
  check("SA_NOCLDSTOP: no SIGCHLD for stop or continue", !saw(CLD_STOPPED_, pid, SIGSTOP_)
        && !saw(CLD_CONTINUED_, pid, SIGCONT_) && exited, seen);
}

static void without_wuntraced(void) {
  signal(SIGCHLD, SIG_DFL);
  pid_t pid = fork();
  if (pid == 0) {
    raise(SIGSTOP_);
    _exit(7);
  }
  int st = 0;
  siginfo_t si;
  memset(&si, 0, sizeof si);
  int w = waitid(P_PID, pid, &si, WSTOPPED | WNOWAIT);
  check("waitid WNOWAIT sees the stop", w == 0 && si.si_code == CLD_STOPPED_, si.si_code);
  check("waitpid without WUNTRACED does not report a stop", waitpid(pid, &st, WNOHANG) == 0, st);
  check("WNOWAIT left the stop to report", waitpid(pid, &st, WUNTRACED) == pid && WIFSTOPPED(st), st);
  kill(pid, SIGCONT_);
  pid_t r = waitpid(pid, &st, 0);
  check("the continued child then exits 7", r == pid && WIFEXITED(st) && WEXITSTATUS(st) == 7, st);
}

int AVmPayload_main(void) {
  stop_and_continue();
  no_cld_stop();
  without_wuntraced();
  printf("fork_stop failures=%d\n", failures);
  fflush(stdout);
  return failures;
}
