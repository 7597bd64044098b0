/* Signal handlers, masks, alternate stacks and the setjmp family, checked from inside the guest. */
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <time.h>
int nanosleep(const struct timespec* request, struct timespec* remaining);

static int failures;
static void check(const char* name, int ok, const char* detail) {
  if (ok) printf("ok %s\n", name);
  else { printf("FAIL %s: %s\n", name, detail); failures++; }
}

static sigjmp_buf recover;
static volatile void* fault_address;
static volatile int fault_code;
static void on_segv(int sig, siginfo_t* info, void* context) {
  fault_address = info->si_addr;
  fault_code = info->si_code;
  siglongjmp(recover, 7);
}

static volatile int usr1_count;
static volatile int usr1_tid;
static void on_usr1(int sig) { usr1_count++; usr1_tid = gettid(); }

static volatile int info_signo;
static void on_usr2_info(int sig, siginfo_t* info, void* context) { info_signo = info->si_signo; }

static char alt_stack[SIGSTKSZ] __attribute__((aligned(16)));
static volatile int handler_on_alt_stack;
static void on_alt(int sig) {
  char here;
  handler_on_alt_stack = &here >= alt_stack && &here < alt_stack + sizeof alt_stack;
}

static volatile int pipe_signals;
static void on_pipe(int sig) { pipe_signals++; }

static volatile int sleeper_result, sleeper_errno, sleeper_ready;
static void* sleeper(void* arg) {
  struct timespec ten_seconds = {10, 0};
  sleeper_ready = 1;
  sleeper_result = nanosleep(&ten_seconds, NULL);
  sleeper_errno = errno;
  return NULL;
}

/* Blocking I/O interrupted by SIGALRM, with and without SA_RESTART. */
static volatile int alarm_count;
static void on_alarm(int sig) { alarm_count++; }
static void install_alarm(int flags) {
  struct sigaction a;
  memset(&a, 0, sizeof a);
  a.sa_handler = on_alarm;
  a.sa_flags = flags;
  sigemptyset(&a.sa_mask);
  sigaction(SIGALRM, &a, NULL);
}
static int io_pipe[2];
static volatile int blocker_ready;
static volatile long blocker_result;
static volatile int blocker_errno;
static char read_byte;
static void* pipe_reader(void* arg) {
  blocker_ready = 1;
  blocker_result = read(io_pipe[0], &read_byte, 1);
  blocker_errno = errno;
  return NULL;
}
static void* pipe_poller(void* arg) {
  struct pollfd p = {io_pipe[0], POLLIN, 0};
  blocker_ready = 1;
  blocker_result = poll(&p, 1, 10000);
  blocker_errno = errno;
  return NULL;
}
/* Starts fn on a thread and gives it time to block. */
static pthread_t start_blocker(void* (*fn)(void*)) {
  pthread_t t;
  blocker_ready = 0;
  blocker_result = 99;
  pthread_create(&t, NULL, fn, NULL);
  while (!blocker_ready) sched_yield();
  for (int i = 0; i < 5; i++) sched_yield();
  return t;
}

static void interrupted_io_checks(void) {
  char detail[160];
  pipe(io_pipe);

  install_alarm(0);
  alarm_count = 0;
  pthread_t t = start_blocker(pipe_reader);
  pthread_kill(t, SIGALRM);
  pthread_join(t, NULL);
  snprintf(detail, sizeof detail, "result=%ld errno=%d handler runs=%d", blocker_result, blocker_errno, alarm_count);
  check("a signal without SA_RESTART ends a blocking pipe read with EINTR",
        blocker_result == -1 && blocker_errno == EINTR && alarm_count == 1, detail);

  install_alarm(SA_RESTART);
  alarm_count = 0;
  t = start_blocker(pipe_reader);
  pthread_kill(t, SIGALRM);
  while (alarm_count == 0) sched_yield();
  for (int i = 0; i < 5; i++) sched_yield();
  long still_blocked = blocker_result;
  write(io_pipe[1], "r", 1);
  pthread_join(t, NULL);
  snprintf(detail, sizeof detail, "before the write=%ld result=%ld byte=%c handler runs=%d", still_blocked,
           blocker_result, read_byte, alarm_count);
  check("a blocking read restarts after an SA_RESTART handler and returns the data written later",
        still_blocked == 99 && blocker_result == 1 && read_byte == 'r' && alarm_count == 1, detail);

  alarm_count = 0;
  t = start_blocker(pipe_poller);
  pthread_kill(t, SIGALRM);
  pthread_join(t, NULL);
  snprintf(detail, sizeof detail, "result=%ld errno=%d handler runs=%d", blocker_result, blocker_errno, alarm_count);
  check("poll fails with EINTR even after an SA_RESTART handler",
        blocker_result == -1 && blocker_errno == EINTR && alarm_count == 1, detail);

  /* ppoll's mask: SIGALRM, blocked in this thread and pending, is delivered while ppoll waits under an empty mask. */
  sigset_t alarm_set, empty, mask_after;
  sigemptyset(&alarm_set);
  sigaddset(&alarm_set, SIGALRM);
  sigemptyset(&empty);
  pthread_sigmask(SIG_BLOCK, &alarm_set, NULL);
  alarm_count = 0;
  raise(SIGALRM);
  int runs_before = alarm_count;
  struct pollfd p = {io_pipe[0], POLLIN, 0};
  struct timespec five_seconds = {5, 0};
  int r = ppoll(&p, 1, &five_seconds, &empty);
  int e = errno;
  pthread_sigmask(SIG_BLOCK, NULL, &mask_after);
  snprintf(detail, sizeof detail, "runs before=%d result=%d errno=%d runs=%d", runs_before, r, e, alarm_count);
  check("ppoll delivers a signal its mask unblocks and fails with EINTR",
        runs_before == 0 && r == -1 && e == EINTR && alarm_count == 1, detail);
  check("the thread's own mask is back after ppoll's handler", sigismember(&mask_after, SIGALRM) == 1, "");
  pthread_sigmask(SIG_UNBLOCK, &alarm_set, NULL);
  signal(SIGALRM, SIG_DFL);
  close(io_pipe[0]);
  close(io_pipe[1]);
}

/* Waits Linux never ends with EINTR still run the handler at once, then go on waiting. */
static pthread_mutex_t held = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t never = PTHREAD_COND_INITIALIZER;
static volatile int cond_go;
static void* mutex_locker(void* arg) {
  blocker_ready = 1;
  blocker_result = pthread_mutex_lock(&held);
  pthread_mutex_unlock(&held);
  return NULL;
}
static void* cond_waiter(void* arg) {
  pthread_mutex_lock(&held);
  blocker_ready = 1;
  int wakeups = 0;
  while (!cond_go) {
    pthread_cond_wait(&never, &held);
    wakeups++;
  }
  pthread_mutex_unlock(&held);
  blocker_result = wakeups;
  return NULL;
}
static volatile int joinee_go;
static void* joinee(void* arg) {
  while (!joinee_go) sched_yield();
  return (void*)77;
}
static void* joiner(void* arg) {
  void* value = NULL;
  blocker_ready = 1;
  blocker_result = pthread_join(*(pthread_t*)arg, &value) == 0 ? (long)value : -1;
  return NULL;
}

static void uninterruptible_wait_checks(void) {
  char detail[160];
  install_alarm(0);

  alarm_count = 0;
  pthread_mutex_lock(&held);
  pthread_t t = start_blocker(mutex_locker);
  pthread_kill(t, SIGALRM);
  for (int i = 0; i < 1000 && alarm_count == 0; i++) sched_yield();
  int runs_while_held = alarm_count;
  long before_unlock = blocker_result;
  pthread_mutex_unlock(&held);
  pthread_join(t, NULL);
  snprintf(detail, sizeof detail, "handler runs while blocked=%d result before unlock=%ld after=%ld", runs_while_held,
           before_unlock, blocker_result);
  check("a signal runs its handler during pthread_mutex_lock, which then goes on waiting and takes the mutex",
        runs_while_held == 1 && before_unlock == 99 && blocker_result == 0, detail);

  alarm_count = 0;
  cond_go = 0;
  t = start_blocker(cond_waiter);
  pthread_kill(t, SIGALRM);
  for (int i = 0; i < 1000 && alarm_count == 0; i++) sched_yield();
  runs_while_held = alarm_count;
  pthread_mutex_lock(&held);
  cond_go = 1;
  pthread_cond_signal(&never);
  pthread_mutex_unlock(&held);
  pthread_join(t, NULL);
  snprintf(detail, sizeof detail, "handler runs while waiting=%d wake-ups=%ld", runs_while_held, blocker_result);
  check("a signal runs its handler during pthread_cond_wait (a spurious wake-up), and the wait loop goes on",
        runs_while_held == 1 && blocker_result >= 1 && blocker_result <= 2, detail);

  alarm_count = 0;
  joinee_go = 0;
  pthread_t target;
  pthread_create(&target, NULL, joinee, NULL);
  blocker_ready = 0;
  blocker_result = 99;
  pthread_create(&t, NULL, joiner, &target);
  while (!blocker_ready) sched_yield();
  for (int i = 0; i < 5; i++) sched_yield();
  pthread_kill(t, SIGALRM);
  for (int i = 0; i < 1000 && alarm_count == 0; i++) sched_yield();
  runs_while_held = alarm_count;
  long before_exit = blocker_result;
  joinee_go = 1;
  pthread_join(t, NULL);
  snprintf(detail, sizeof detail, "handler runs while joining=%d result before=%ld after=%ld", runs_while_held,
           before_exit, blocker_result);
  check("a signal runs its handler during pthread_join, which then goes on and returns the thread's value",
        runs_while_held == 1 && before_exit == 99 && blocker_result == 77, detail);
  signal(SIGALRM, SIG_DFL);
}

static volatile int worker_go = 1;
static void* worker(void* arg) {
  *(int*)arg = gettid();
  while (worker_go && usr1_count == 0) sched_yield();
  return NULL;
}

int AVmPayload_main(void) {
  char detail[160];

  /* A SIGSEGV handler that recovers with siglongjmp, twice, with the mask restored each time. */
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_segv;
  sa.sa_flags = SA_SIGINFO;
  sigemptyset(&sa.sa_mask);
  check("sigaction installs a SIGSEGV handler", sigaction(SIGSEGV, &sa, NULL) == 0, "");
  for (int round = 0; round < 2; round++) {
    int value = sigsetjmp(recover, 1);
    if (value == 0) {
      *(volatile int*)0x18 = 1;
      check("fault returns to the handler", 0, "the store went through");
    } else {
      snprintf(detail, sizeof detail, "value=%d addr=%p code=%d", value, (void*)fault_address, fault_code);
      check(round == 0 ? "SIGSEGV handler recovers with siglongjmp" : "a second fault recovers too",
            value == 7 && fault_address == (void*)0x18 && fault_code == SEGV_MAPERR, detail);
    }
  }
  sigset_t now;
  sigprocmask(SIG_SETMASK, NULL, &now);
  check("siglongjmp restores the signal mask", !sigismember(&now, SIGSEGV), "SIGSEGV still blocked");

  /* raise runs the handler before it returns; locals survive the round trip through rt_sigreturn. */
  signal(SIGUSR1, on_usr1);
  volatile long keep = 0x1234567890L;
  double kept = 2.5;
  raise(SIGUSR1);
  check("raise runs the handler before returning", usr1_count == 1 && usr1_tid == gettid(), "");
  check("registers survive the handler", keep == 0x1234567890L && kept == 2.5, "");

  struct sigaction si;
  memset(&si, 0, sizeof si);
  si.sa_sigaction = on_usr2_info;
  si.sa_flags = SA_SIGINFO;
  sigaction(SIGUSR2, &si, NULL);
  sigset_t block;
  sigemptyset(&block);
  sigaddset(&block, SIGUSR2);
  sigprocmask(SIG_BLOCK, &block, NULL);
  raise(SIGUSR2);
  sigset_t pending;
  sigpending(&pending);
  check("a blocked signal stays pending", info_signo == 0 && sigismember(&pending, SIGUSR2), "");
  sigprocmask(SIG_UNBLOCK, &block, NULL);
  check("unblocking delivers it before sigprocmask returns, with siginfo", info_signo == SIGUSR2, "");

  /* An ignored signal does nothing. */
  signal(SIGTERM, SIG_IGN);
  check("an ignored signal is dropped", raise(SIGTERM) == 0, "");

  /* The alternate stack. */
  stack_t ss = {alt_stack, 0, sizeof alt_stack};
  check("sigaltstack accepts a stack", sigaltstack(&ss, NULL) == 0, "");
  struct sigaction on_stack;
  memset(&on_stack, 0, sizeof on_stack);
  on_stack.sa_handler = on_alt;
  on_stack.sa_flags = SA_ONSTACK;
  sigaction(SIGUSR2, &on_stack, NULL);
  raise(SIGUSR2);
  check("SA_ONSTACK handlers run on the alternate stack", handler_on_alt_stack, "");

  /* pthread_kill reaches the handler on the target thread. */
  usr1_count = 0;
  int worker_tid = 0;
  pthread_t t;
  pthread_create(&t, NULL, worker, &worker_tid);
  sched_yield();
  pthread_kill(t, SIGUSR1);
  pthread_join(t, NULL);
  snprintf(detail, sizeof detail, "count=%d handler tid=%d worker=%d", usr1_count, usr1_tid, worker_tid);
  check("pthread_kill runs the handler on the target thread", usr1_count == 1 && usr1_tid == worker_tid, detail);

  /* A signal ends a sleep in another thread with EINTR, after its handler ran there. */
  usr1_count = 0;
  pthread_t st;
  pthread_create(&st, NULL, sleeper, NULL);
  while (!sleeper_ready) sched_yield();
  for (int i = 0; i < 5; i++) sched_yield();
  struct timespec before, after;
  clock_gettime(CLOCK_MONOTONIC, &before);
  pthread_kill(st, SIGUSR1);
  pthread_join(st, NULL);
  clock_gettime(CLOCK_MONOTONIC, &after);
  snprintf(detail, sizeof detail, "result=%d errno=%d handler runs=%d", sleeper_result, sleeper_errno, usr1_count);
  check("a signal interrupts nanosleep in another thread with EINTR",
        sleeper_result == -1 && sleeper_errno == EINTR && usr1_count == 1 && after.tv_sec - before.tv_sec < 5, detail);

  interrupted_io_checks();
  uninterruptible_wait_checks();

  /* A write to a pipe whose reader is gone: EPIPE, and SIGPIPE at the writer. */
  int fds[2];
  pipe(fds);
  close(fds[0]);
  signal(SIGPIPE, on_pipe);
  long w = write(fds[1], "x", 1);
  check("writing to a closed pipe raises SIGPIPE and fails with EPIPE", w == -1 && errno == EPIPE && pipe_signals == 1, "");
  signal(SIGPIPE, SIG_IGN);
  w = write(fds[1], "x", 1);
  check("with SIGPIPE ignored the write only fails", w == -1 && errno == EPIPE && pipe_signals == 1, "");
  close(fds[1]);

  /* Plain setjmp/longjmp: longjmp with 0 makes setjmp return 1. */
  jmp_buf env;
  volatile int passes = 0;
  int r = setjmp(env);
  passes++;
  if (passes == 1) longjmp(env, 0);
  check("longjmp(env, 0) returns 1 from setjmp", r == 1 && passes == 2, "");

  printf("signals failures=%d\n", failures);
  return failures;
}
