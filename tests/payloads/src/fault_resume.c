/*
 * A SIGSEGV handler that makes the faulting page writable and returns: the faulting instruction runs again, and only
 * it (Linux resumes at the exact pc). Each trial calls bump(), which increments a register in place and stores it to
 * a read-only page: a resume from an earlier pc counts twice. Trials run from the main thread, inside another
 * signal's handler and from a second thread (budgeted runs); victim() reports the pc its fault was delivered with,
 * from main and from inside handlers. Prints the failures; the exit status says whether there were any.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <stdint.h>

/* arm64 Linux ucontext_t: flags, link, stack_t (24), the 128-byte signal mask, then sigcontext at 176 (16-aligned):
 * fault_address, x0-x30, sp, pc. */
#define UCONTEXT_PC 440
#include <unistd.h>

static char* page;
static volatile int faults;

static void on_segv(int sig, siginfo_t* info, void* context) {
  (void) sig; (void) context;
  if ((char*) info->si_addr < page || (char*) info->si_addr >= page + 4096) _exit(90);
  faults++;
  mprotect(page, 4096, PROT_READ | PROT_WRITE);
}

/* Increments its argument in place and stores it: run twice from its first instruction, it would count two. */
__attribute__((naked, noinline)) long bump(volatile long* p, long x) {
  __asm__ volatile("add x1, x1, #1\n\t"
                   "str x1, [x0]\n\t"
                   "mov x0, x1\n\t"
                   "ret");
}

static long trial(void) {
  long x = bump((volatile long*) page, 1);
  ((volatile long*) page)[1] = x;
  return x;
}

static int run_trials(const char* who) {
  int bad = 0;
  for (int i = 0; i < 200; i++) {
    mprotect(page, 4096, PROT_READ);
    long x = trial();
    long stored0 = ((long*) page)[0], stored1 = ((long*) page)[1];
    if (x != 2 || stored0 != 2 || stored1 != 2) {
      if (bad < 3) printf("%s trial %d: x=%ld stored %ld %ld\n", who, i, x, stored0, stored1);
      bad++;
    }
  }
  printf("%s: %d of 200 trials wrong\n", who, bad);
  return bad;
}

static volatile int handler_bad;

/* The same trial inside another signal's handler: the fault then interrupts a handler. */
static void on_usr1(int sig) {
  (void) sig;
  mprotect(page, 4096, PROT_READ);
  long x = trial();
  if (x != 2 || ((long*) page)[0] != 2 || ((long*) page)[1] != 2) {
    if (handler_bad < 3) printf("in handler: x=%ld stored %ld %ld\n", x, ((long*) page)[0], ((long*) page)[1]);
    handler_bad++;
  }
}

/* A fault in a function's second instruction, inside a SIGSEGV handler (SA_NODEFER) entered after output. */
__attribute__((noinline)) void victim(volatile int* p) {
  p[4] = 42;
}

static char* blocked;
static volatile long victim_offset = -1;

static void on_victim(int sig, siginfo_t* info, void* context) {
  (void) sig; (void) info;
  victim_offset = (long) (*(uint64_t*) ((char*) context + UCONTEXT_PC) - (uintptr_t) victim);
  mprotect(page, 4096, PROT_READ | PROT_WRITE);
}

static int victim_bad;

/* Calls victim on the read-only page with on_victim handling the fault; says where the fault's pc was. */
static void check_victim(const char* where) {
  struct sigaction sa, old;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_victim;
  sa.sa_flags = SA_SIGINFO | SA_NODEFER;
  sigaction(SIGSEGV, &sa, &old);
  mprotect(page, 4096, PROT_READ);
  victim_offset = -1;
  victim((volatile int*) page);
  printf("victim fault %s at victim+%ld (expected +4)\n", where, victim_offset);
  if (victim_offset != 4) victim_bad++;
  sigaction(SIGSEGV, &old, NULL);
}

static void on_blocked(int sig, siginfo_t* info, void* context) {
  (void) sig; (void) info; (void) context;
  check_victim("in a SIGSEGV handler");
  mprotect(blocked, 4096, PROT_READ);
}

static void on_usr2(int sig) {
  (void) sig;
  check_victim("in a SIGUSR2 handler");
}

static void* worker(void* arg) {
  (void) arg;
  return (void*) (long) run_trials("thread");
}

int AVmPayload_main(void) {
  page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_segv;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGSEGV, &sa, NULL);
  int bad = run_trials("main");
  signal(SIGUSR1, on_usr1);
  for (int i = 0; i < 200; i++) raise(SIGUSR1);
  printf("in handler: %d of 200 trials wrong\n", handler_bad);
  bad += handler_bad;
  check_victim("in main");
  signal(SIGUSR2, on_usr2);
  raise(SIGUSR2);
  blocked = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  sa.sa_sigaction = on_blocked;
  sa.sa_flags = SA_SIGINFO | SA_NODEFER;
  sigaction(SIGSEGV, &sa, NULL);
  (void) *(volatile int*) blocked;
  bad += victim_bad;
  sa.sa_sigaction = on_segv;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGSEGV, &sa, NULL);
  pthread_t t;
  void* result;
  pthread_create(&t, NULL, worker, NULL);
  pthread_join(t, &result);
  bad += (int) (long) result;
  printf("fault_resume faults=%d wrong=%d\n", faults, bad);
  return bad != 0;
}
