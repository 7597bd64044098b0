/*
 * The guest side of the row sweep (RowSweepTest) and, built with -DROW_FUZZ, of the row fuzzer (RowFuzzTest):
 * connects to the host (vsock CID 2, port 7345; the fuzzer 7346) and calls whatever it is told, any library function
 * by name or any syscall by number, with the arguments it is given. Pointer arguments may be offsets into pages the
 * payload keeps: read-write, read-only, no access, execute-only, unmapped (the fuzzer also a read-write page of text
 * with no NUL in it before a guard page, for strings without a terminator). Faults and signals raised by a call are
 * caught and reported; the payload then restores its pages, handlers and mask and waits for the next call. Whatever
 * a call does, the host must only ever see an answer, a guest signal, the process ending, or the process blocked for
 * good: never an emulator error. The fuzzer's long sessions meet state a per-VM sweep never does, so under ROW_FUZZ
 * a process a call forks ends at once instead of answering the host too, a signal arriving between calls (a child's
 * SIGCHLD, a timer a call armed) is ignored instead of being taken for the last call's, and the end is exit_group.
 */
#include <dlfcn.h>
#include <errno.h>
#include <linux/vm_sockets.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#ifndef ROW_FUZZ
#define PORT 7345
#else
#define PORT 7346
#endif
#define CONNECTION_FD 1000
#define SYS_read 63
#define SYS_write 64
#define SYS_exit 93
#define SYS_exit_group 94
#define SYS_getpid 172
#define PROT_EXEC 4
#define SCRATCH_SIZE (16 * 1024)
/* A row's function: in the global scope (the payload's DT_NEEDED libraries), else in the system library that is not
 * (dlsym(RTLD_DEFAULT) does not search libraries opened RTLD_LOCAL, as on bionic). */
static void* system_symbol(const char* name) {
  static const char* const libraries[] = {"libbinder_ndk.so", "libz.so"};
  void* fn = dlsym(RTLD_DEFAULT, name);
  for (unsigned i = 0; fn == NULL && i < sizeof libraries / sizeof libraries[0]; i++) {
    void* handle = dlopen(libraries[i], RTLD_NOW);
    if (handle != NULL) fn = dlsym(handle, name);
  }
  return fn;
}

int AVmPayload_main(void);

/* One call, as the host sends it: 256 bytes, little-endian. */
_Static_assert(sizeof(struct { uint32_t a, b; uint64_t x[8]; uint8_t t[16]; double d[8]; char n[104]; }) == 256, "");
struct request {
  uint32_t op;     /* 1: library function by name, 2: raw syscall, 3: end */
  uint32_t number; /* the syscall number */
  uint64_t x[8];
  uint8_t tag[8];  /* what x[i] is relative to: 0 nothing, then one of the regions below */
  uint8_t pad[8];
  double d[8];
  char name[104];
};

struct response {
  uint32_t kind; /* 0 returned, 1 a signal was caught, 2 no such symbol */
  int32_t signo;
  int32_t code;
  int32_t err;
  uint64_t x0;
  uint64_t address;
  double d0;
  uint64_t x1;
};

#ifndef ROW_FUZZ
enum { NOTHING, SCRATCH, READ_ONLY, NO_ACCESS, EXECUTE_ONLY, UNMAPPED, REGIONS };
#else
enum { NOTHING, SCRATCH, READ_ONLY, NO_ACCESS, EXECUTE_ONLY, UNMAPPED, UNTERMINATED, REGIONS };
#endif
static char* region[REGIONS];
#ifndef ROW_FUZZ
static const size_t region_size[REGIONS] = {0, SCRATCH_SIZE, 4096, 4096, 4096, 4096};
static const int region_prot[REGIONS] = {0, PROT_READ | PROT_WRITE, PROT_READ, PROT_NONE, PROT_EXEC, 0};
#else
static const size_t region_size[REGIONS] = {0, SCRATCH_SIZE, 4096, 4096, 4096, 4096, 4096};
static const int region_prot[REGIONS] = {0, PROT_READ | PROT_WRITE, PROT_READ, PROT_NONE, PROT_EXEC, 0,
                                         PROT_READ | PROT_WRITE};
#endif

static sigjmp_buf recover;
static volatile int main_tid;
static long main_pid;
#ifdef ROW_FUZZ
static volatile int in_call;
#endif
static volatile int caught_signo, caught_code;
static volatile uint64_t caught_address;
static char alt_stack[65536] __attribute__((aligned(16)));

/* x0..x7 and d0..d7 from the arrays, then a call; x1 and d0 of the result are kept too. */
long rowcall_invoke(void* fn, const uint64_t* x, const double* d, double* d0, uint64_t* x1);
__asm__(".globl rowcall_invoke\n"
        "rowcall_invoke:\n"
        "  stp x29, x30, [sp, #-48]!\n"
        "  mov x29, sp\n"
        "  stp x19, x20, [sp, #16]\n"
        "  str x21, [sp, #32]\n"
        "  mov x19, x0\n"
        "  mov x20, x3\n"
        "  mov x21, x4\n"
        "  ldp d0, d1, [x2]\n"
        "  ldp d2, d3, [x2, #16]\n"
        "  ldp d4, d5, [x2, #32]\n"
        "  ldp d6, d7, [x2, #48]\n"
        "  mov x16, x1\n"
        "  ldp x0, x1, [x16]\n"
        "  ldp x2, x3, [x16, #16]\n"
        "  ldp x4, x5, [x16, #32]\n"
        "  ldp x6, x7, [x16, #48]\n"
        "  stp xzr, xzr, [sp, #-64]!\n" /* stack arguments past the eighth read as zeros */
        "  stp xzr, xzr, [sp, #16]\n"
        "  stp xzr, xzr, [sp, #32]\n"
        "  stp xzr, xzr, [sp, #48]\n"
        "  blr x19\n"
        "  add sp, sp, #64\n"
        "  str d0, [x20]\n"
        "  str x1, [x21]\n"
        "  ldp x19, x20, [sp, #16]\n"
        "  ldr x21, [sp, #32]\n"
        "  ldp x29, x30, [sp], #48\n"
        "  ret\n");

/* A raw syscall with six arguments. */
long rowcall_syscall(long number, const uint64_t* x);
__asm__(".globl rowcall_syscall\n"
        "rowcall_syscall:\n"
        "  mov x8, x0\n"
        "  mov x16, x1\n"
        "  ldp x0, x1, [x16]\n"
        "  ldp x2, x3, [x16, #16]\n"
        "  ldp x4, x5, [x16, #32]\n"
        "  svc #0\n"
        "  ret\n");

static long raw3(long number, long a, long b, long c) {
  uint64_t x[6] = {(uint64_t) a, (uint64_t) b, (uint64_t) c, 0, 0, 0};
  return rowcall_syscall(number, x);
}

static void on_signal(int sig, siginfo_t* info, void* context) {
  (void) context;
  if (gettid() != main_tid) raw3(SYS_exit, 0, 0, 0); /* a thread a call created: it just ends */
#ifdef ROW_FUZZ
  if (!in_call) {
    /* The payload's own code faulted: a call broke what it stands on (unmapped its data, say); the process ends. */
    if (info->si_code > 0 && (sig == 4 || sig == 7 || sig == 8 || sig == 11) /* SIGILL, SIGBUS, SIGFPE, SIGSEGV */) {
      raw3(SYS_exit_group, 95, 0, 0);
    }
    return; /* a signal between calls (SIGCHLD of a forked child, a timer a call armed): noted by nobody */
  }
#endif
  caught_signo = sig;
  caught_code = info->si_code;
  caught_address = (uint64_t) (uintptr_t) info->si_addr;
  siglongjmp(recover, 1);
}

static void install_handlers(void) {
  stack_t ss = {alt_stack, 0, sizeof alt_stack};
  sigaltstack(&ss, NULL);
  struct sigaction a;
  memset(&a, 0, sizeof a);
  a.sa_sigaction = on_signal;
  a.sa_flags = SA_SIGINFO | SA_ONSTACK;
  sigfillset(&a.sa_mask);
  for (int sig = 1; sig < 32; sig++) {
    if (sig != 9 && sig != 19) sigaction(sig, &a, NULL);
  }
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, NULL);
}

/* Text with numbers and format directives, so that parsers and formatters find something to chew on. */
static char pattern[SCRATCH_SIZE];
static void make_pattern(void) {
  static const char text[] = "abc 123 -4.5e10 %d %s %x %p %n %% 0x7f xyz\n";
  for (size_t i = 0; i < sizeof pattern; i++) pattern[i] = (i % 64) == 63 ? 0 : text[i % (sizeof text - 1)];
}

#ifndef ROW_FUZZ
static void fill(char* p, size_t n) {
#else
static void fill(char* p, size_t n, int terminated) {
#endif
  memcpy(p, pattern, n);
#ifdef ROW_FUZZ
  if (!terminated) {
    for (size_t i = 0; i < n; i++) if (p[i] == 0) p[i] = '%';
  }
#endif
}

/* The regions a call was given pointers into back as they were, whatever it did to them. */
static void restore_regions(unsigned used) {
  for (int r = SCRATCH; r < REGIONS; r++) {
    if (!(used & (1u << r))) continue;
    size_t size = region_size[r];
    void* p = mmap(region[r], size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (p != region[r]) raw3(SYS_exit_group, 90, 0, 0);
    if (r == UNMAPPED) {
      munmap(p, size);
      continue;
    }
#ifndef ROW_FUZZ
    fill(p, size);
#else
    fill(p, size, r != UNTERMINATED);
#endif
    mprotect(p, size, region_prot[r]);
  }
}

static int transfer(long number, void* buffer, size_t size) {
  char* p = buffer;
  while (size > 0) {
    long n = raw3(number, CONNECTION_FD, (long) p, (long) size);
#ifdef ROW_FUZZ
    if (n == -4) continue; /* EINTR: a signal between calls */
#endif
    if (n <= 0) return -1;
    p += n;
    size -= (size_t) n;
  }
  return 0;
}

int AVmPayload_main(void) {
  main_tid = gettid();
  main_pid = raw3(SYS_getpid, 0, 0, 0);
  make_pattern();
  for (int r = SCRATCH; r < REGIONS; r++) {
    region[r] = mmap(NULL, region_size[r] + 8192, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    region[r] += 4096; /* guard pages on both sides */
  }
  restore_regions(~0u);
  int fd = socket(AF_VSOCK, SOCK_STREAM, 0);
  struct sockaddr_vm host = {AF_VSOCK, 0, PORT, VMADDR_CID_HOST, 0, {0}};
  if (fd < 0 || connect(fd, (struct sockaddr*) &host, sizeof host) != 0) return 91;
  if (dup3(fd, CONNECTION_FD, 0) != CONNECTION_FD) return 92;
  close(fd);
  install_handlers();
  for (;;) {
    struct request q;
    struct response a;
    if (transfer(SYS_read, &q, sizeof q) != 0) return 93;
#ifndef ROW_FUZZ
    if (q.op == 3) return 0;
#else
    /* The end: at once, as whatever a call left behind (an atexit handler at a wild address, a stdio buffer in a
     * region that is gone) is not exit()'s to run after a fuzzing session. */
    if (q.op == 3) raw3(SYS_exit_group, 0, 0, 0);
#endif
    memset(&a, 0, sizeof a);
    uint64_t x[8];
    for (int i = 0; i < 8; i++) x[i] = q.tag[i] < REGIONS ? (uint64_t) (uintptr_t) region[q.tag[i]] + q.x[i] : q.x[i];
    q.name[sizeof q.name - 1] = 0;
    void* fn = q.op == 1 ? system_symbol(q.name) : NULL;
    if (q.op == 1 && fn == NULL) {
      a.kind = 2;
    } else if (sigsetjmp(recover, 1) == 0) {
      errno = 0;
      double d0 = 0;
      uint64_t x1 = 0;
#ifdef ROW_FUZZ
      in_call = 1;
#endif
      a.x0 = q.op == 1 ? (uint64_t) rowcall_invoke(fn, x, q.d, &d0, &x1) : (uint64_t) rowcall_syscall(q.number, x);
#ifdef ROW_FUZZ
      in_call = 0;
#endif
      a.err = errno;
      a.d0 = d0;
      a.x1 = x1;
    } else {
#ifdef ROW_FUZZ
      in_call = 0;
#endif
      a.kind = 1;
      a.signo = caught_signo;
      a.code = caught_code;
      a.address = caught_address;
    }
#ifndef ROW_FUZZ
    /* A fork, vfork or clone row made a child that came back here: it ends at once, leaving the sweep to the
       parent (its connection and its regions are the parent's). */
#else
    /* A child a call forked (fork, vfork, clone) ends here: only the fuzzer's own process answers the host. */
#endif
    if (raw3(SYS_getpid, 0, 0, 0) != main_pid) raw3(SYS_exit_group, 0, 0, 0);
    unsigned used = 1u << SCRATCH;
    for (int i = 0; i < 8; i++) if (q.tag[i] < REGIONS) used |= 1u << q.tag[i];
    restore_regions(used);
    install_handlers();
    if (transfer(SYS_write, &a, sizeof a) != 0) return 94;
  }
}
