/* What fork's child does not inherit, and how the processes of a VM see each other (issue 12): no alarm, no POSIX
   timer, no pending signal in the child; getpgid/getsid answer for another live process; a child's log lines carry
   its own pid (checked by ForkInheritTest). One line per check; the exit code is the number of failures. */
#include <android/log.h>
#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <stdlib.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* As bionic's headers declare them. */
pid_t fork(void);
void _exit(int status) __attribute__((noreturn));
unsigned int alarm(unsigned int seconds);
typedef void* timer_t_;
struct itimerspec_ { struct timespec it_interval, it_value; };
int timer_create(int clock, void* event, timer_t_* id);
int timer_settime(timer_t_ id, int flags, const struct itimerspec_* value, struct itimerspec_* old);
int timer_gettime(timer_t_ id, struct itimerspec_* value);
int timer_delete(timer_t_ id);
pid_t getpgid(pid_t pid);
pid_t getsid(pid_t pid);
int setpgid(pid_t pid, pid_t pgid);
pid_t getpgrp(void);

#define CLOCK_MONOTONIC_ 1

static int failures;

static void check(const char* name, int ok, long detail) {
  if (ok) printf("ok %s\n", name);
  else { printf("FAIL %s: %ld (errno %d)\n", name, detail, errno); failures++; }
  fflush(stdout);
}

static void not_inherited(void) {
  alarm(100);
  timer_t_ timer = 0;
  int made = timer_create(CLOCK_MONOTONIC_, NULL, &timer);
  struct itimerspec_ its;
  memset(&its, 0, sizeof its);
  its.it_value.tv_sec = 100;
  timer_settime(timer, 0, &its, NULL);
  sigset_t usr1, pending;
  sigemptyset(&usr1);
  sigaddset(&usr1, SIGUSR1);
  sigprocmask(SIG_BLOCK, &usr1, NULL);
  raise(SIGUSR1);
  int p[2];
  pipe(p);
  pid_t pid = fork();
  if (pid == 0) {
    int r[3];
    r[0] = (int) alarm(0);
    struct itimerspec_ left;
    errno = 0;
    r[1] = timer_gettime(timer, &left) == -1 && errno == EINVAL;
    sigemptyset(&pending);
    sigpending(&pending);
    r[2] = sigismember(&pending, SIGUSR1);
    write(p[1], r, sizeof r);
    _exit(0);
  }
  int r[3] = {-1, -1, -1};
  read(p[0], r, sizeof r);
  waitpid(pid, NULL, 0);
  check("timer_create in the parent", made == 0, made);
  check("the child inherits no alarm", r[0] == 0, r[0]);
  check("the child inherits no POSIX timer (EINVAL)", r[1] == 1, r[1]);
  check("the child inherits no pending signal", r[2] == 0, r[2]);
  unsigned left = alarm(0);
  check("the parent's alarm is still armed", left > 90 && left <= 100, left);
  struct itimerspec_ mine;
  check("the parent's timer is still armed", timer_gettime(timer, &mine) == 0 && mine.it_value.tv_sec > 90,
        mine.it_value.tv_sec);
  timer_delete(timer);
  sigemptyset(&pending);
  sigpending(&pending);
  check("the parent's pending signal is still pending", sigismember(&pending, SIGUSR1) == 1, 0);
  signal(SIGUSR1, SIG_IGN);
  sigprocmask(SIG_UNBLOCK, &usr1, NULL);
  signal(SIGUSR1, SIG_DFL);
  close(p[0]);
  close(p[1]);
}

static void other_processes(void) {
  int go[2], back[2];
  pipe(go);
  pipe(back);
  pid_t parent = getpid();
  pid_t pid = fork();
  if (pid == 0) {
    int r[5];
    r[0] = getpgid(parent);
    r[1] = getsid(parent);
    char link[32] = {0}, want[32];
    readlink("/proc/self", link, sizeof link - 1);
    snprintf(want, sizeof want, "%d", getpid());
    r[2] = strcmp(link, want) == 0;
    char status[512] = {0}, pidline[32];
    int fd = open("/proc/self/status", O_RDONLY);
    read(fd, status, sizeof status - 1);
    close(fd);
    snprintf(pidline, sizeof pidline, "\nPid:\t%d\n", getpid());
    r[3] = strstr(status, pidline) != NULL;
    snprintf(pidline, sizeof pidline, "\nPPid:\t%d\n", parent);
    r[4] = strstr(status, pidline) != NULL;
    setpgid(0, 0);
    __android_log_print(ANDROID_LOG_INFO, "fork_inherit", "child %d says hello", getpid());
    write(back[1], r, sizeof r);
    char c;
    read(go[0], &c, 1);
    _exit(0);
  }
  int r[5] = {0, 0, 0, 0, 0};
  read(back[0], r, sizeof r);
  check("/proc/self/status in the child names its parent as PPid", r[4] == 1, r[4]);
  check("/proc/self in the child names the child", r[2] == 1, r[2]);
  check("/proc/self/status in the child has the child's Pid", r[3] == 1, r[3]);
  char own[32] = {0}, want[32];
  readlink("/proc/self", own, sizeof own - 1);
  snprintf(want, sizeof want, "%d", getpid());
  check("/proc/self in the parent still names the parent", strcmp(own, want) == 0, atoi(own));
  check("the child's getpgid of its parent", r[0] == getpgrp(), r[0]);
  check("the child's getsid of its parent", r[1] == getsid(0), r[1]);
  check("getpgid of a child that leads its own group", getpgid(pid) == pid, getpgid(pid));
  check("getsid of a child in the parent's session", getsid(pid) == getsid(0), getsid(pid));
  write(go[1], "g", 1);
  waitpid(pid, NULL, 0);
  errno = 0;
  check("getpgid of a reaped child is ESRCH", getpgid(pid) == -1 && errno == ESRCH, errno);
  char gone[32];
  snprintf(gone, sizeof gone, "/proc/%d", pid);
  errno = 0;
  check("/proc/PID of a reaped child is gone", access(gone, F_OK) == -1 && errno == ENOENT, errno);
  printf("child pid %d logged\n", pid);
}

static void* wait_for_byte(void* fd) {
  char c;
  read(*(int*) fd, &c, 1);
  return NULL;
}

/* /proc/self/status counts the process's live threads. */
static void thread_count(void) {
  int p[2];
  pipe(p);
  pthread_t t;
  pthread_create(&t, NULL, wait_for_byte, &p[0]);
  char status[512] = {0};
  int fd = open("/proc/self/status", O_RDONLY);
  read(fd, status, sizeof status - 1);
  close(fd);
  check("/proc/self/status counts two threads", strstr(status, "\nThreads:\t2\n") != NULL, 0);
  write(p[1], "g", 1);
  pthread_join(t, NULL);
}

int AVmPayload_main(void) {
  not_inherited();
  other_processes();
  thread_count();
  printf("fork_inherit failures=%d\n", failures);
  fflush(stdout);
  return failures;
}
