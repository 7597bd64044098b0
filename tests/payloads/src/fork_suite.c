/* fork and its kin (issue 12 part 3): fork + wait statuses, a pipe ping-pong, a crashing child, kill, an orphan
   adopted by init, pthread_atfork order, fork from a process with 8 threads, copy-on-write memory, a fork bomb that
   ends with EAGAIN, RLIMIT_NPROC, daemon(), vfork, _Fork, clone without CLONE_VM, SIGCHLD, and 200 fork/wait cycles.
   One line per check; the exit code is the number of failures. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

/* As bionic's unistd.h and sched.h declare them. */
pid_t fork(void);
pid_t vfork(void);
pid_t _Fork(void);
int daemon(int nochdir, int noclose);
int clone(int (*fn)(void*), void* child_stack, int flags, void* arg, ...);
void _exit(int status) __attribute__((noreturn));
pid_t setsid(void);
pid_t getsid(pid_t pid);
pid_t getpgrp(void);
int pthread_atfork(void (*prepare)(void), void (*parent)(void), void (*child)(void));

#ifndef SIGKILL
#define SIGKILL 9
#endif
#ifndef RLIMIT_NPROC
#define RLIMIT_NPROC 6
#endif

static int failures;

static void check(const char* name, int ok, long detail) {
  if (ok) printf("ok %s\n", name);
  else { printf("FAIL %s: %ld (errno %d)\n", name, detail, errno); failures++; }
  fflush(stdout);
}

static int status_of(pid_t pid) {
  int st = -1;
  pid_t r = waitpid(pid, &st, 0);
  return r == pid ? st : -1000 - errno;
}

static void wait_status(void) {
  pid_t parent = getpid();
  int p[2];
  pipe(p);
  pid_t pid = fork();
  if (pid == 0) {
    int ids[2] = {getpid(), getppid()};
    write(p[1], ids, sizeof ids);
    _exit(7);
  }
  check("fork returns the child's pid", pid > 0 && pid != parent, pid);
  int ids[2] = {0, 0};
  read(p[0], ids, sizeof ids);
  check("child sees its own pid", ids[0] == pid, ids[0]);
  check("child's getppid is the parent", ids[1] == parent, ids[1]);
  int st = status_of(pid);
  check("child exit status 7", WIFEXITED(st) && WEXITSTATUS(st) == 7, st);
  check("reaped child is gone", waitpid(pid, &st, WNOHANG) == -1 && errno == ECHILD, 0);
  close(p[0]);
  close(p[1]);
}

static void ping_pong(void) {
  int down[2], up[2];
  pipe(down);
  pipe(up);
  pid_t pid = fork();
  if (pid == 0) {
    close(down[1]);
    close(up[0]);
    unsigned char b;
    while (read(down[0], &b, 1) == 1) {
      b++;
      write(up[1], &b, 1);
    }
    _exit(0);
  }
  close(down[0]);
  close(up[1]);
  int good = 0;
  for (int i = 0; i < 1000; i++) {
    unsigned char b = (unsigned char)i, back = 0;
    write(down[1], &b, 1);
    if (read(up[0], &back, 1) == 1 && back == (unsigned char)(i + 1)) good++;
  }
  check("pipe ping-pong 1000 round trips", good == 1000, good);
  close(down[1]);
  int st = status_of(pid);
  check("ping-pong child sees end of file and exits 0", WIFEXITED(st) && WEXITSTATUS(st) == 0, st);
  close(up[0]);
}

static void crash(void) {
  pid_t pid = fork();
  if (pid == 0) {
    *(volatile int*)16 = 1;
    _exit(0);
  }
  int st = status_of(pid);
  check("crashing child WIFSIGNALED SIGSEGV", WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, st);
}

static void kill_child(void) {
  pid_t spinner = fork();
  if (spinner == 0) {
    for (volatile unsigned long i = 0;; i++) {}
  }
  check("kill a spinning child", kill(spinner, SIGTERM) == 0, 0);
  int st = status_of(spinner);
  check("spinning child killed by SIGTERM", WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM, st);
  int p[2];
  pipe(p);
  pid_t reader = fork();
  if (reader == 0) {
    char c;
    read(p[0], &c, 1);
    _exit(0);
  }
  usleep(20000);
  kill(reader, SIGKILL);
  st = status_of(reader);
  check("blocked child killed by SIGKILL", WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, st);
  check("kill of a reaped child ESRCH", kill(reader, 0) == -1 && errno == ESRCH, 0);
  close(p[0]);
  close(p[1]);
}

static void orphan(void) {
  int p[2];
  pipe(p);
  pid_t pid = fork();
  if (pid == 0) {
    if (fork() == 0) {
      int parent = getppid();
      for (int i = 0; i < 500 && parent != 1; i++) {
        usleep(2000);
        parent = getppid();
      }
      write(p[1], &parent, sizeof parent);
      _exit(0);
    }
    _exit(0);
  }
  int st = status_of(pid);
  check("orphan's parent exits", WIFEXITED(st), st);
  int seen = 0;
  read(p[0], &seen, sizeof seen);
  check("orphan adopted by init", seen == 1, seen);
  check("orphan is not the payload's child", waitpid(-1, &st, WNOHANG) == -1 && errno == ECHILD, 0);
  close(p[0]);
  close(p[1]);
}

static char order[64];
static int recording;
static void note(const char* s) {
  if (recording && strlen(order) + strlen(s) < sizeof order) strcat(order, s);
}
static void prep1(void) { note("P1"); }
static void prep2(void) { note("P2"); }
static void par1(void) { note("A1"); }
static void par2(void) { note("A2"); }
static void chi1(void) { note("C1"); }
static void chi2(void) { note("C2"); }

static void atfork(void) {
  pthread_atfork(prep1, par1, chi1);
  pthread_atfork(prep2, par2, chi2);
  int p[2];
  pipe(p);
  order[0] = 0;
  recording = 1;
  pid_t pid = fork();
  if (pid == 0) {
    write(p[1], order, sizeof order);
    _exit(0);
  }
  char child[64] = {0};
  read(p[0], child, sizeof child);
  status_of(pid);
  check("atfork order in the parent", strcmp(order, "P2P1A1A2") == 0, 0);
  printf("parent order %s, child order %s\n", order, child);
  check("atfork order in the child", strcmp(child, "P2P1C1C2") == 0, 0);
  order[0] = 0;
  pid = _Fork();
  if (pid == 0) _exit(strlen(order) == 0 ? 0 : 1);
  int st = status_of(pid);
  check("_Fork runs no atfork handlers", WIFEXITED(st) && WEXITSTATUS(st) == 0 && order[0] == 0, st);
  recording = 0;
  close(p[0]);
  close(p[1]);
}

static volatile long counters[8];
static volatile int stop_threads;

static void* spin(void* arg) {
  long i = (long)arg;
  while (!stop_threads) {
    counters[i]++;
    sched_yield();
  }
  return NULL;
}

static void threads(void) {
  pthread_t t[8];
  for (long i = 0; i < 8; i++) pthread_create(&t[i], NULL, spin, (void*)i);
  usleep(20000);
  int p[2];
  pipe(p);
  pid_t pid = fork();
  if (pid == 0) {
    long before[8], moved = 0;
    for (int i = 0; i < 8; i++) before[i] = counters[i];
    usleep(50000);
    for (int i = 0; i < 8; i++) moved += counters[i] != before[i];
    write(p[1], &moved, sizeof moved);
    _exit(0);
  }
  long moved = -1;
  read(p[0], &moved, sizeof moved);
  int st = status_of(pid);
  check("only the forking thread runs in the child", moved == 0, moved);
  check("child of a threaded parent exits 0", WIFEXITED(st) && WEXITSTATUS(st) == 0, st);
  stop_threads = 1;
  for (int i = 0; i < 8; i++) pthread_join(t[i], NULL);
  long all = 0;
  for (int i = 0; i < 8; i++) all += counters[i] > 0;
  check("parent's threads kept running", all == 8, all);
  close(p[0]);
  close(p[1]);
}

static int shared_value = 1;

static void copy_on_write(void) {
  int down[2], up[2];
  pipe(down);
  pipe(up);
  char* heap = malloc(1 << 20);
  memset(heap, 'p', 1 << 20);
  pid_t pid = fork();
  if (pid == 0) {
    int seen[3];
    seen[0] = shared_value;
    shared_value = 2;
    memset(heap, 'c', 1 << 20);
    char go;
    read(down[0], &go, 1); /* the parent has written its own values by now */
    seen[1] = shared_value;
    seen[2] = heap[12345];
    write(up[1], seen, sizeof seen);
    _exit(0);
  }
  shared_value = 3;
  heap[12345] = 'q';
  write(down[1], "g", 1);
  int seen[3] = {0, 0, 0};
  read(up[0], seen, sizeof seen);
  status_of(pid);
  check("child starts with the parent's memory", seen[0] == 1, seen[0]);
  check("parent's writes invisible to the child", seen[1] == 2 && seen[2] == 'c', seen[1]);
  check("child's writes invisible to the parent", shared_value == 3 && heap[0] == 'p' && heap[12345] == 'q',
        shared_value);
  free(heap);
  close(down[0]); close(down[1]); close(up[0]); close(up[1]);
}

static void fork_bomb(void) {
  int gate[2];
  pipe(gate);
  pid_t kids[4096];
  int n = 0;
  int last_errno = 0;
  while (n < 4096) {
    pid_t pid = fork();
    if (pid == 0) {
      char c;
      close(gate[1]);
      read(gate[0], &c, 1);
      _exit(0);
    }
    if (pid < 0) {
      last_errno = errno;
      break;
    }
    kids[n++] = pid;
  }
  printf("fork bomb: %d children before errno %d\n", n, last_errno);
  check("fork bomb ends with EAGAIN", last_errno == EAGAIN && n > 2, n);
  close(gate[1]);
  int reaped = 0;
  for (int i = 0; i < n; i++) {
    int st = status_of(kids[i]);
    if (WIFEXITED(st) && WEXITSTATUS(st) == 0) reaped++;
  }
  check("every bomb child reaped", reaped == n, reaped);
  close(gate[0]);
  pid_t again = fork();
  if (again == 0) _exit(0);
  check("fork works again after the bomb", again > 0 && WIFEXITED(status_of(again)), again);
}

static void nproc(void) {
  struct rlimit old, one = {1, 1};
  getrlimit(RLIMIT_NPROC, &old);
  setrlimit(RLIMIT_NPROC, &one);
  pid_t pid = fork();
  if (pid == 0) _exit(0);
  check("RLIMIT_NPROC makes fork fail with EAGAIN", pid == -1 && errno == EAGAIN, pid);
  setrlimit(RLIMIT_NPROC, &old);
}

static void daemons(void) {
  int p[2];
  pipe(p);
  pid_t pid = fork();
  if (pid == 0) {
    if (daemon(0, 0) != 0) _exit(1);
    int facts[4];
    char cwd[64] = {0};
    getcwd(cwd, sizeof cwd);
    int parent = getppid();
    for (int i = 0; i < 500 && parent != 1; i++) {
      usleep(2000);
      parent = getppid();
    }
    facts[0] = parent;
    facts[1] = getsid(0) == getpid();
    facts[2] = strcmp(cwd, "/") == 0;
    facts[3] = fcntl(0, F_GETFL) != -1 && write(1, "x", 1) == 1;
    write(p[1], facts, sizeof facts);
    _exit(0);
  }
  int st = status_of(pid);
  check("daemon's parent _exits 0", WIFEXITED(st) && WEXITSTATUS(st) == 0, st);
  int facts[4] = {0, 0, 0, 0};
  read(p[0], facts, sizeof facts);
  check("daemon runs on, adopted by init", facts[0] == 1, facts[0]);
  check("daemon leads a new session", facts[1] == 1, 0);
  check("daemon's cwd is /", facts[2] == 1, 0);
  check("daemon's stdio is /dev/null", facts[3] == 1, 0);
  close(p[0]);
  close(p[1]);
}

static int clone_fn(void* arg) { return (int)(long)arg * 2; }

static volatile int sigchld_seen;
static void on_sigchld(int sig) { (void)sig; sigchld_seen++; }

static void kin(void) {
  pid_t pid = vfork();
  if (pid == 0) _exit(3);
  int st = status_of(pid);
  check("vfork child exit status 3", WIFEXITED(st) && WEXITSTATUS(st) == 3, st);
  static char stack[64 * 1024] __attribute__((aligned(16)));
  pid = clone(clone_fn, stack + sizeof stack, SIGCHLD, (void*)21L);
  st = status_of(pid);
  check("clone without CLONE_VM exits with fn's result", pid > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 42, st);
  check("clone with CLONE_THREAD but no CLONE_VM EINVAL",
        clone(clone_fn, stack + sizeof stack, 0x10000 | SIGCHLD, NULL) == -1 && errno == EINVAL, 0);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_sigchld;
  sigaction(SIGCHLD, &sa, NULL);
  pid = fork();
  if (pid == 0) _exit(0);
  status_of(pid);
  for (int i = 0; i < 100 && sigchld_seen == 0; i++) usleep(1000);
  check("SIGCHLD reaches the parent", sigchld_seen > 0, sigchld_seen);
  signal(SIGCHLD, SIG_DFL);
}

static void cycles(void) {
  int exact = 0;
  for (int i = 0; i < 200; i++) {
    pid_t pid = fork();
    if (pid == 0) _exit(i & 0xff);
    int st = status_of(pid);
    if (WIFEXITED(st) && WEXITSTATUS(st) == (i & 0xff)) exact++;
  }
  check("200 fork/wait cycles exact", exact == 200, exact);
}

int AVmPayload_main(void) {
  wait_status();
  ping_pong();
  crash();
  kill_child();
  orphan();
  atfork();
  threads();
  copy_on_write();
  nproc();
  daemons();
  kin();
  cycles();
  fork_bomb();
  printf("fork_suite failures=%d\n", failures);
  fflush(stdout);
  return failures;
}
