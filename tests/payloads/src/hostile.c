/*
 * Hostile and careless payload behaviours that end the process or never end it, one per library name: the APK
 * carries this library as libhostile_<mode>.so for each mode, and the payload finds its mode in its own file name.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

typedef struct { const char* dli_fname; void* dli_fbase; const char* dli_sname; void* dli_saddr; } Dl_info;
int dladdr(const void* address, Dl_info* info);
int AVmPayload_main(void);

#define SYS_exit 93
#define SYS_futex 98
#define SYS_clone 220
#define SYS_tkill 130
#define SIGKILL 9
#define SIGSTOP 19
#define SIGCONT 18

static void on_usr1(int sig) { (void) sig; }

static pthread_mutex_t first = PTHREAD_MUTEX_INITIALIZER, second = PTHREAD_MUTEX_INITIALIZER;
static volatile int holding;
static void* lock_in_other_order(void* arg) {
  pthread_mutex_lock(&second);
  holding = 1;
  pthread_mutex_lock(&first);
  return arg;
}

static int deadlock(void) {
  pthread_t t;
  pthread_mutex_lock(&first);
  pthread_create(&t, NULL, lock_in_other_order, NULL);
  while (!holding) sched_yield();
  pthread_mutex_lock(&second);
  return 1;
}

/* Delivers SIGUSR1 while sp points at unmapped memory: the kernel cannot build the frame and forces SIGSEGV. */
static int signal_on_bad_stack(void) {
  struct sigaction a;
  memset(&a, 0, sizeof a);
  a.sa_handler = on_usr1;
  sigaction(SIGUSR1, &a, NULL);
  long tid = gettid();
  register long x0 __asm__("x0") = tid;
  register long x1 __asm__("x1") = SIGUSR1;
  register long x8 __asm__("x8") = SYS_tkill;
  __asm__ volatile("mov x9, sp\n"
                   "mov x10, #0x7000\n"
                   "mov sp, x10\n"
                   "svc #0\n"
                   "mov sp, x9\n"
                   : "+r"(x0) : "r"(x1), "r"(x8) : "x9", "x10", "memory");
  return 2;
}

/* An SA_ONSTACK handler whose alternate stack is not mapped. */
static int signal_on_bad_altstack(void) {
  void* gone = mmap(NULL, 65536, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  munmap(gone, 65536);
  stack_t ss = {gone, 0, 65536};
  sigaltstack(&ss, NULL);
  struct sigaction a;
  memset(&a, 0, sizeof a);
  a.sa_handler = on_usr1;
  a.sa_flags = SA_ONSTACK;
  sigaction(SIGUSR1, &a, NULL);
  raise(SIGUSR1);
  return 3;
}

/* A raw clone whose child starts on an unmapped stack, with a SIGSEGV handler that cannot run there either. */
static int clone_on_bad_stack(void) {
  struct sigaction a;
  memset(&a, 0, sizeof a);
  a.sa_handler = on_usr1;
  sigaction(SIGSEGV, &a, NULL);
  long flags = 0x100 | 0x200 | 0x400 | 0x800 | 0x10000;
  register long x0 __asm__("x0") = flags;
  register long x1 __asm__("x1") = 0x7000;
  register long x2 __asm__("x2") = 0;
  register long x3 __asm__("x3") = 0;
  register long x4 __asm__("x4") = 0;
  register long x8 __asm__("x8") = SYS_clone;
  __asm__ volatile("svc #0\n"
                   "cbnz x0, 1f\n"
                   "str x0, [sp, #-16]!\n" /* the child: its first store faults */
                   "1:\n"
                   : "+r"(x0) : "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x8) : "memory");
  for (;;) sched_yield();
  return 4;
}

static int puts_protected_string(void) {
  char* page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  strcpy(page, "never printed");
  mprotect(page, 4096, PROT_NONE);
  puts(page);
  return 5;
}

/* Touches 1 GiB in 16 MiB blocks: more than a small JVM holds of the Java engine's pages (an OOM kill), or a failed
   malloc where the guest's memory runs out first. */
static int touch_memory(void) {
  for (int i = 0; i < 64; i++) {
    char* block = malloc(16 << 20);
    if (block == NULL) return 6;
    memset(block, i + 1, 16 << 20);
  }
  return 8;
}

int AVmPayload_main(void) {
  Dl_info info;
  if (!dladdr((void*) AVmPayload_main, &info) || info.dli_fname == NULL) return 99;
  const char* mode = strstr(info.dli_fname, "libhostile_");
  if (mode == NULL) return 98;
  mode += strlen("libhostile_");
  printf("hostile: %s", mode);
  printf("\n");
  fflush(stdout);
  if (!strncmp(mode, "exit100.", 8)) {
    syscall(SYS_exit, 100);
  } else if (!strncmp(mode, "sigkill.", 8)) {
    kill(getpid(), SIGKILL);
  } else if (!strncmp(mode, "deadlock.", 9)) {
    return deadlock();
  } else if (!strncmp(mode, "futexwait.", 10)) {
    static int word;
    syscall(SYS_futex, &word, 0 /* FUTEX_WAIT */, 0, NULL);
  } else if (!strncmp(mode, "badsp.", 6)) {
    return signal_on_bad_stack();
  } else if (!strncmp(mode, "badaltstack.", 12)) {
    return signal_on_bad_altstack();
  } else if (!strncmp(mode, "clonebadstack.", 14)) {
    return clone_on_bad_stack();
  } else if (!strncmp(mode, "putsnone.", 9)) {
    return puts_protected_string();
  } else if (!strncmp(mode, "stop.", 5)) {
    raise(SIGSTOP);
    puts("continued");
    return 7;
  } else if (!strncmp(mode, "memhog.", 7)) {
    return touch_memory();
  } else if (!strncmp(mode, "spin.", 5)) {
    for (volatile unsigned long i = 0;; i++) { }
  }
  return 97;
}
