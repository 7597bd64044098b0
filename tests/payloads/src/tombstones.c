/*
 * Crashes for tombstones, one per library name: the APK carries this library as libtombstones_<mode>.so for each
 * mode, and the payload finds its mode in its own file name. Built -O2 -fomit-frame-pointer (as libtombstones_dep.so,
 * which it needs), so backtraces need the call frame information. Functions are exported so that their names show.
 *
 *   deep      two named workers wait in libtombstones_dep.so; main crashes 6 frames deep across both libraries
 *   signal    a fault in the dep library runs a SIGSEGV handler (SA_RESETHAND) that faults again
 *   abort     android_set_abort_message + abort() from the dep library
 *   overflow  unbounded recursion on a thread until its stack guard
 *   xom       a read of execute-only memory
 *   nx        a call into memory that is not executable
 *   munmap    a read of a page unmapped just before
 *   badsp     a fault with sp pointing at unmapped memory
 *   fploop    a fault with a frame record that points at itself (no CFI for the frame)
 *   corrupt   a fault after the stack above sp was overwritten with garbage
 *   hole      a call to an address in no mapping
 */
#include <dlfcn.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PROT_EXEC 4

typedef int (*callback)(volatile int*);
void tomb_dep_crash(volatile int* p);
int tomb_dep_touch(volatile int* p);
int tomb_dep_level1(callback cb, volatile int* p, int n);
void tomb_dep_wait(pthread_mutex_t* m, pthread_cond_t* ready, pthread_cond_t* never, volatile int* count);
void tomb_dep_abort(const char* message);
int tomb_dep_recurse(int n);
int AVmPayload_main(void);

__attribute__((noinline)) int tomb_inner(volatile int* p) {
  tomb_dep_crash(p);
  return p == NULL ? 1 : 2;
}

__attribute__((noinline)) int tomb_outer(volatile int* p) {
  int r = tomb_dep_level1(tomb_inner, p, 1);
  printf("not reached %d\n", r);
  return r;
}

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ready = PTHREAD_COND_INITIALIZER, never = PTHREAD_COND_INITIALIZER;
static volatile int waiting;

__attribute__((noinline)) void* tomb_worker(void* arg) {
  tomb_dep_wait(&lock, &ready, &never, &waiting);
  return arg;
}

static int deep(void) {
  pthread_t workers[2];
  const char* names[2] = {"tomb-worker-1", "tomb-worker-2"};
  pthread_mutex_lock(&lock);
  for (int i = 0; i < 2; i++) {
    pthread_create(&workers[i], NULL, tomb_worker, NULL);
    pthread_setname_np(workers[i], names[i]);
  }
  /* Each worker counts itself under the lock and then waits on `never`, which releases it: once the count is 2
     and main has the lock back, both are in their wait. */
  while (waiting < 2) pthread_cond_wait(&ready, &lock);
  pthread_mutex_unlock(&lock);
  return tomb_outer(NULL);
}

__attribute__((noinline)) void tomb_on_segv(int sig, siginfo_t* info, void* context) {
  (void) context;
  printf("handler for signal %d at %p\n", sig, info->si_addr);
  fflush(stdout);
  tomb_dep_crash(NULL);
  printf("handler returned\n"); /* not reached; keeps the call from being a tail call */
}

__attribute__((noinline)) int tomb_outer_signal(volatile int* p) {
  int r = tomb_dep_touch(p);
  printf("not reached %d\n", r);
  return r;
}

static int signal_frame(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = tomb_on_segv;
  sa.sa_flags = SA_SIGINFO | SA_RESETHAND;
  sigaction(SIGSEGV, &sa, NULL);
  return tomb_outer_signal((volatile int*) 0x20);
}

__attribute__((noinline)) int tomb_outer_abort(int n) {
  char message[64];
  snprintf(message, sizeof message, "tombstone test: deliberate abort %d", n);
  tomb_dep_abort(message);
  return n;
}

/* The thread recurses only once its creator has named it (else the crash could come first). */
__attribute__((noinline)) void* tomb_recurser(void* named) {
  char c;
  read(*(int*) named, &c, 1);
  tomb_dep_recurse(0);
  return named;
}

static int overflow(void) {
  int named[2];
  pipe(named);
  pthread_t t;
  pthread_create(&t, NULL, tomb_recurser, &named[0]);
  pthread_setname_np(t, "tomb-recurse");
  write(named[1], "n", 1);
  pthread_join(t, NULL);
  return 1;
}

__attribute__((noinline)) int tomb_read(volatile int* p) {
  return p[1] + 1;
}

static int execute_only(void) {
  volatile int* page = mmap(NULL, 4096, PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  printf("execute-only page at %p\n", (void*) page);
  return tomb_read(page);
}

static int non_executable(void) {
  unsigned* page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  page[0] = 0xd65f03c0; /* ret */
  printf("data page at %p\n", (void*) page);
  return ((int (*)(void)) page)();
}

static int use_after_munmap(void) {
  volatile int* page = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  page[0] = 1;
  munmap((void*) page, 8192);
  printf("unmapped %p\n", (void*) page);
  return tomb_read(page + 1024);
}

/* Hostile states for the unwinder, in assembly without call frame information. */
int tomb_bad_sp(long sp);
int tomb_fp_loop(void);
int tomb_corrupt(void);
__asm__(
    ".text\n.globl tomb_bad_sp\n.type tomb_bad_sp,%function\ntomb_bad_sp:\n"
    "  mov sp, x0\n  mov x1, #0\n  ldr x1, [x1]\n  ret\n"
    ".size tomb_bad_sp, .-tomb_bad_sp\n"
    ".globl tomb_fp_loop\n.type tomb_fp_loop,%function\ntomb_fp_loop:\n"
    "  sub sp, sp, #32\n  mov x29, sp\n  str x29, [sp]\n  adr x30, 2f\n  str x30, [sp, #8]\n"
    "  mov x1, #0\n2:\n  ldr x1, [x1, #8]\n  ret\n"
    ".size tomb_fp_loop, .-tomb_fp_loop\n"
    ".globl tomb_corrupt\n.type tomb_corrupt,%function\ntomb_corrupt:\n"
    "  mov x9, sp\n  mov x10, #0x4141\n  movk x10, #0x4141, lsl #16\n  movk x10, #0x4141, lsl #32\n"
    "  movk x10, #0x4141, lsl #48\n  mov x11, #64\n"
    "1:\n  str x10, [x9], #8\n  subs x11, x11, #1\n  b.ne 1b\n"
    "  mov x29, x10\n  mov x1, #0\n  ldr x1, [x1, #16]\n  ret\n"
    ".size tomb_corrupt, .-tomb_corrupt\n");

__attribute__((noinline)) int tomb_call_hostile(int which) {
  int r;
  switch (which) {
    case 0: r = tomb_bad_sp(0x7000); break;
    case 1: r = tomb_fp_loop(); break;
    case 2: r = tomb_corrupt(); break;
    default: r = ((int (*)(void)) 0x7b0000000L)(); break;
  }
  return r + 1;
}

int AVmPayload_main(void) {
  Dl_info info;
  if (!dladdr((void*) AVmPayload_main, &info) || info.dli_fname == NULL) return 99;
  const char* mode = strstr(info.dli_fname, "libtombstones_");
  if (mode == NULL) return 98;
  mode += strlen("libtombstones_");
  printf("tombstones: %s\n", mode);
  fflush(stdout);
  if (!strncmp(mode, "deep.", 5)) return deep();
  if (!strncmp(mode, "signal.", 7)) return signal_frame();
  if (!strncmp(mode, "abort.", 6)) return tomb_outer_abort(7);
  if (!strncmp(mode, "overflow.", 9)) return overflow();
  if (!strncmp(mode, "xom.", 4)) return execute_only();
  if (!strncmp(mode, "nx.", 3)) return non_executable();
  if (!strncmp(mode, "munmap.", 7)) return use_after_munmap();
  if (!strncmp(mode, "badsp.", 6)) return tomb_call_hostile(0);
  if (!strncmp(mode, "fploop.", 7)) return tomb_call_hostile(1);
  if (!strncmp(mode, "corrupt.", 8)) return tomb_call_hostile(2);
  if (!strncmp(mode, "hole.", 5)) return tomb_call_hostile(3);
  return 97;
}
