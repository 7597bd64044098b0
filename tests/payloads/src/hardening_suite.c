/*
 * The guest is a sandboxed EL0 Linux process: checked from inside the guest. Memory protections hold for the
 * kernel's copies (EFAULT) and for library code (SIGSEGV), the APK is read-only, EL1 is out of reach (SIGILL),
 * mmap and resource limits answer as Linux does, and hostile arguments get errno values or signals.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <linux/vm_sockets.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

long atol(const char* s);
long long atoll(const char* s);
double atof(const char* s);
int fstat(int fd, struct stat* st);
int stat(const char* path, struct stat* st);
ssize_t getrandom(void* buffer, size_t length, unsigned flags);
int AVmPayload_main(void);

#ifndef EFBIG
#define EFBIG 27
#endif
#ifndef EOPNOTSUPP
#define EOPNOTSUPP 95
#endif
#ifndef ENOTTY
#define ENOTTY 25
#endif
#ifndef EROFS
#define EROFS 30
#endif
#ifndef EPERM
#define EPERM 1
#endif
#ifndef ESRCH
#define ESRCH 3
#endif
#define PROT_EXEC 4
#define MAP_FIXED_NOREPLACE 0x100000
#define MAP_SHARED_VALIDATE 3
#define RLIMIT_CPU 0
#define RLIMIT_AS 9
#define SIGILL 4
#define SIGBUS 7
#define SIGXCPU 24
#define SIGKILL 9
#define ILL_ILLOPC 1
#define BUS_ADRALN 1
#define SEGV_ACCERR 2
#define HWCAP_ATOMICS (1 << 8)
#define TASK_SIZE (1UL << 39)
#define SYS_ioctl 29
#define SYS_pipe2 59
#define SYS_writev 66
#define SYS_newfstatat 79
#define SYS_clock_gettime 113
#define SYS_brk 214
#define SYS_munmap 215
#define SYS_mmap 222
#define SYS_mprotect 226
#define SYS_getrandom 278
#define FIONREAD 0x541B
#define FIONBIO 0x5421
#define FIOCLEX 0x5451
#define FIONCLEX 0x5450
#define TCGETS 0x5401

static int failures;
static void check(const char* name, int ok, const char* detail) {
  if (ok) printf("ok %s\n", name);
  else { printf("FAIL %s: %s\n", name, detail); failures++; }
  fflush(stdout);
}

static char detail[256];
#define DETAIL(...) (snprintf(detail, sizeof detail, __VA_ARGS__), detail)

/* Runs a piece of code that should raise a signal; returns the signal (0 if none) with its code and address. */
static sigjmp_buf recover;
static volatile int got_signal, got_code;
static volatile uintptr_t got_address;
static void on_signal(int sig, siginfo_t* info, void* context) {
  (void) context;
  got_signal = sig;
  got_code = info->si_code;
  got_address = (uintptr_t) info->si_addr;
  siglongjmp(recover, 1);
}
static void catch_signals(void) {
  struct sigaction a;
  memset(&a, 0, sizeof a);
  a.sa_sigaction = on_signal;
  a.sa_flags = SA_SIGINFO;
  int signals[] = {SIGSEGV, SIGILL, SIGBUS, SIGABRT};
  for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++) sigaction(signals[i], &a, NULL);
}
#define EXPECT_SIGNAL(code_block) \
  (got_signal = 0, got_code = 0, got_address = 0, sigsetjmp(recover, 1) == 0 ? ((code_block), 0) : got_signal)

static char* page(int prot) {
  char* p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  memset(p, 'x', 4096);
  p[4095] = 0;
  mprotect(p, 4096, prot);
  return p;
}

static int lowest_free_fd(void) {
  int fd = open("/dev/null", O_RDONLY);
  close(fd);
  return fd;
}

/* ---- the kernel's copies honour page protections: EFAULT, and nothing written */

static int code_target(void) { return 17; }

static void kernel_copies(void) {
  char* ro = page(PROT_READ);
  char* none = page(PROT_NONE);
  char* xo = page(PROT_EXEC);
  int zero = open("/dev/zero", O_RDONLY);
  unsigned char before[16];
  memcpy(before, (void*) code_target, 16);
  errno = 0;
  long n = read(zero, (void*) code_target, 16);
  check("read(/dev/zero) into the payload's code is EFAULT and writes nothing",
        n == -1 && errno == EFAULT && !memcmp(before, (void*) code_target, 16) && code_target() == 17,
        DETAIL("read %ld errno %d", n, errno));
  close(zero);
  errno = 0;
  n = syscall(SYS_getrandom, ro, 16, 0);
  long m = getrandom(ro, 16, 0);
  check("getrandom into a read-only page is EFAULT", n == -1 && m == -1 && errno == EFAULT && ro[0] == 'x',
        DETAIL("%ld %ld errno %d", n, m, errno));
  errno = 0;
  n = syscall(SYS_clock_gettime, 1, ro);
  check("clock_gettime into a read-only page is EFAULT", n == -1 && errno == EFAULT && ro[0] == 'x',
        DETAIL("%ld errno %d", n, errno));
  int fd = open("/dev/null", O_RDONLY);
  errno = 0;
  n = fstat(fd, (struct stat*) ro);
  m = stat("/", (struct stat*) ro);
  long r = syscall(SYS_newfstatat, AT_FDCWD, "/", ro, 0);
  check("fstat and stat into a read-only page are EFAULT", n == -1 && m == -1 && r == -1 && errno == EFAULT && ro[0] == 'x',
        DETAIL("%ld %ld %ld errno %d", n, m, r, errno));
  close(fd);
  int next = lowest_free_fd();
  errno = 0;
  n = syscall(SYS_pipe2, ro, 0);
  check("pipe2 into a read-only page is EFAULT and leaves no descriptors", n == -1 && errno == EFAULT
        && lowest_free_fd() == next, DETAIL("%ld errno %d next fd %d then %d", n, errno, next, lowest_free_fd()));
  int p[2];
  pipe(p);
  errno = 0;
  n = write(p[1], none, 16);
  m = write(p[1], xo, 16);
  int queued = -1;
  syscall(SYS_ioctl, p[0], FIONREAD, &queued);
  check("write from no-access and execute-only pages is EFAULT and sends nothing", n == -1 && m == -1
        && errno == EFAULT && queued == 0, DETAIL("%ld %ld errno %d queued %d", n, m, errno, queued));
  close(p[0]);
  close(p[1]);
}

/* ---- library code touching bytes it may not: SIGSEGV at the address */

static int compare_ints(const void* a, const void* b) { return *(const int*) a - *(const int*) b; }

static void library_faults(void) {
  char* none = page(PROT_NONE);
  int sig = EXPECT_SIGNAL(puts(none));
  check("puts of a no-access string is SIGSEGV (SEGV_ACCERR) at the string", sig == SIGSEGV
        && got_code == SEGV_ACCERR && got_address == (uintptr_t) none,
        DETAIL("signal %d code %d address %lx (string %p)", sig, got_code, (unsigned long) got_address, none));
  sig = EXPECT_SIGNAL(atoi(NULL));
  int sig2 = EXPECT_SIGNAL(atol(NULL));
  int sig3 = EXPECT_SIGNAL(atoll(NULL));
  int sig4 = EXPECT_SIGNAL(atof(NULL));
  check("atoi, atol, atoll and atof of NULL are SIGSEGV at 0", sig == SIGSEGV && sig2 == SIGSEGV && sig3 == SIGSEGV
        && sig4 == SIGSEGV && got_address == 0, DETAIL("signals %d %d %d %d", sig, sig2, sig3, sig4));
  char* buffer = mmap(NULL, 65536, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  sig = EXPECT_SIGNAL(qsort(buffer, 0x8000000, 16, compare_ints));
  sig2 = EXPECT_SIGNAL(qsort(buffer, 0x10000000, 16, compare_ints));
  sig3 = EXPECT_SIGNAL(qsort(buffer, 0x100000000L, 16, compare_ints));
  check("qsort past its buffer (nmemb*size of 2, 4 and 64 GiB) is SIGSEGV", sig == SIGSEGV && sig2 == SIGSEGV
        && sig3 == SIGSEGV, DETAIL("signals %d %d %d", sig, sig2, sig3));
  sig = EXPECT_SIGNAL(wmemset((wchar_t*) 0xdeadbeef, L'x', 16));
  sig2 = EXPECT_SIGNAL(wmemset((wchar_t*) buffer, L'x', (size_t) 1 << 62));
  check("wmemset of a wild pointer or a huge count is SIGSEGV", sig == SIGSEGV && sig2 == SIGSEGV
        && got_address == (uintptr_t) buffer + 65536, DETAIL("signals %d %d at %lx", sig, sig2, (unsigned long) got_address));
  munmap(buffer, 65536);
}

/* ---- code pages: execute permission and new bytes take effect at once */

/* What compiler-rt's __clear_cache does on arm64, for one cache line. */
static void clear_cache(void* p) {
  __asm__ volatile("dc cvau, %0\n dsb ish\n ic ivau, %0\n dsb ish\n isb" : : "r"(p) : "memory");
}

static int jit_page(char* at, unsigned value) {
  unsigned code[2] = {0x52800000u | (value << 5), 0xd65f03c0u}; /* mov w0, #value; ret */
  char* p = mmap(at, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | (at ? MAP_FIXED : 0), -1, 0);
  memcpy(p, code, sizeof code);
  mprotect(p, 4096, PROT_READ | PROT_EXEC);
  clear_cache(p);
  return p == at || at == NULL;
}

static void code_pages(void) {
  char* code = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  munmap(code, 4096);
  jit_page(code, 42);
  int (*fn)(void) = (int (*)(void)) code;
  int first = fn();
  mprotect(code, 4096, PROT_READ);
  int value = -1;
  int sig = EXPECT_SIGNAL(value = fn());
  check("code that lost PROT_EXEC faults on the next call", first == 42 && sig == SIGSEGV && got_code == SEGV_ACCERR
        && got_address == (uintptr_t) code, DETAIL("first %d signal %d code %d value %d", first, sig, got_code, value));
  munmap(code, 4096);
  jit_page(code, 7);
  int again = fn();
  check("code mapped again at the same address runs its new bytes", again == 7, DETAIL("got %d", again));
  munmap(code, 4096);
}

/* ---- /mnt/apk is read-only, as dm-verity makes it */

static void apk_is_read_only(void) {
  const char* path = "/mnt/apk/lib/arm64-v8a/libhardening_suite.so";
  int fd = open(path, O_RDONLY);
  char* shared = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
  errno = 0;
  int protect = mprotect(shared, 4096, PROT_READ | PROT_WRITE);
  int protect_errno = errno;
  errno = 0;
  void* writable = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  int map_errno = errno;
  char* copy = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
  if (copy != MAP_FAILED) copy[1] = 'Z';
  char fresh[4] = {0};
  int again = open(path, O_RDONLY);
  read(again, fresh, 4);
  errno = 0;
  int rw = open(path, O_RDWR);
  check("a read-only APK file cannot be mapped or made writable, and reads back unchanged",
        shared != MAP_FAILED && protect == -1 && protect_errno == EACCES && writable == MAP_FAILED && map_errno == EACCES
        && copy != MAP_FAILED && !memcmp(fresh, "\177ELF", 4) && rw == -1 && errno == EROFS,
        DETAIL("mprotect %d/%d mmap %p/%d private %p read %.4s open %d/%d", protect, protect_errno, writable, map_errno,
               copy, fresh, rw, errno));
  close(fd);
  close(again);
}

/* ---- EL0: what only the kernel may do is an undefined instruction */

static void el0(void) {
  int current = EXPECT_SIGNAL(({ unsigned long v; __asm__ volatile("mrs %0, CurrentEL" : "=r"(v)); v; }));
  int code = got_code;
  int daif = EXPECT_SIGNAL(({ __asm__ volatile("msr daifset, #2"); 0; }));
  int read_sctlr = EXPECT_SIGNAL(({ unsigned long v; __asm__ volatile("mrs %0, sctlr_el1" : "=r"(v)); v; }));
  int write_sctlr = EXPECT_SIGNAL(({ __asm__ volatile("msr sctlr_el1, %0" : : "r"(0x30d00801UL)); 0; }));
  check("CurrentEL, DAIF and SCTLR_EL1 are SIGILL (ILL_ILLOPC) at EL0", current == SIGILL && code == ILL_ILLOPC
        && daif == SIGILL && read_sctlr == SIGILL && write_sctlr == SIGILL,
        DETAIL("%d/%d %d %d %d", current, code, daif, read_sctlr, write_sctlr));
  unsigned long ctr, counter;
  char* line = page(PROT_READ | PROT_WRITE);
  __asm__ volatile("mrs %0, ctr_el0" : "=r"(ctr));
  __asm__ volatile("dc zva, %0" : : "r"(line) : "memory");
  __asm__ volatile("mrs %0, cntvct_el0" : "=r"(counter));
  check("EL0 reads CTR_EL0 and CNTVCT_EL0 and zeroes with DC ZVA", ctr != 0 && counter != 0 && line[0] == 0,
        DETAIL("ctr %lx counter %lx byte %d", ctr, counter, line[0]));
  long word[2] = {0, 0};
  int sig = EXPECT_SIGNAL(({ long v; __asm__ volatile("ldxr %0, [%1]" : "=r"(v) : "r"((char*) word + 4)); v; }));
  if (getauxval(AT_HWCAP) & HWCAP_ATOMICS) {
    check("a misaligned exclusive load is SIGBUS (BUS_ADRALN) at its address", sig == SIGBUS && got_code == BUS_ADRALN
          && got_address == (uintptr_t) word + 4, DETAIL("signal %d code %d", sig, got_code));
  } else {
    check("a misaligned exclusive load is SIGBUS or, on Unicorn 1, unchecked", sig == SIGBUS || sig == 0,
          DETAIL("signal %d", sig));
  }
}

/* ---- mmap, munmap, mprotect, brk and resource limits as Linux answers them */

static long raw_mmap(unsigned long address, unsigned long length, int flags) {
  return syscall(SYS_mmap, address, length, PROT_READ | PROT_WRITE, flags, -1, 0);
}

static void mappings(void) {
  int anon = MAP_PRIVATE | MAP_ANONYMOUS;
  errno = 0;
  long zero = raw_mmap(0, 4096, anon | MAP_FIXED);
  int e1 = errno;
  long low = raw_mmap(0x1000, 4096, anon | MAP_FIXED);
  long below = raw_mmap(0x7000, 4096, anon | MAP_FIXED_NOREPLACE);
  int e2 = errno;
  long hint = raw_mmap(0x1000, 4096, anon);
  check("mappings below mmap_min_addr (32 KiB) are EPERM; a low hint is moved up",
        zero == -1 && e1 == EPERM && low == -1 && below == -1 && e2 == EPERM && hint >= 0x8000,
        DETAIL("%lx/%d %lx %lx/%d hint %lx", zero, e1, low, below, e2, hint));
  munmap((void*) hint, 4096);
  errno = 0;
  long top = raw_mmap(TASK_SIZE - 4096, 4096, anon | MAP_FIXED);
  long past = raw_mmap(0xfffffffff000UL, 4096, anon | MAP_FIXED);
  int e3 = errno;
  long beyond = raw_mmap(0x1000000000000UL, 4096, anon | MAP_FIXED);
  long kernel = raw_mmap(0xffff000000000000UL, 4096, anon | MAP_FIXED);
  check("MAP_FIXED ends at TASK_SIZE (39-bit): above it ENOMEM", top == (long) (TASK_SIZE - 4096) && past == -1
        && e3 == ENOMEM && beyond == -1 && kernel == -1 && errno == ENOMEM,
        DETAIL("top %lx past %lx/%d beyond %lx kernel %lx/%d", top, past, e3, beyond, kernel, errno));
  if (top != -1) munmap((void*) top, 4096);
  /* As ksys_mmap_pgoff and do_mmap check them: a file first (EBADF), then the type of mapping. */
  int file = open("/data/local/tmp/mapflags", O_RDWR | O_CREAT | O_TRUNC, 0600);
  ftruncate(file, 4096);
  errno = 0;
  long none = syscall(SYS_mmap, 0, 4096, PROT_READ, 0, file, 0);
  int e4 = errno;
  long nofile = raw_mmap(0, 4096, 0);
  int e8 = errno;
  long all = raw_mmap(0, 4096, 0xffffffff);
  int e5 = errno;
  long anonymous_validate = raw_mmap(0, 4096, MAP_SHARED_VALIDATE | MAP_ANONYMOUS);
  int e9 = errno;
  long validate = syscall(SYS_mmap, 0, 4096, PROT_READ, MAP_SHARED_VALIDATE | 0x80000 /* MAP_SYNC */, file, 0);
  check("mmap of a file without a type of mapping, or with all flags, is EINVAL (without a file EBADF); an"
        " unsupported flag with MAP_SHARED_VALIDATE is EOPNOTSUPP, which anonymous memory does not know (EINVAL)",
        none == -1 && e4 == EINVAL && nofile == -1 && e8 == EBADF && all == -1 && e5 == EINVAL
        && anonymous_validate == -1 && e9 == EINVAL && validate == -1 && errno == EOPNOTSUPP,
        DETAIL("%lx/%d %lx/%d %lx/%d %lx/%d %lx/%d", none, e4, nofile, e8, all, e5, anonymous_validate, e9, validate,
               errno));
  close(file);
  unlink("/data/local/tmp/mapflags");
  char* p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, anon, -1, 0);
  errno = 0;
  long k = syscall(SYS_munmap, 0xffff000000000000UL, 4096);
  int e6 = errno;
  long empty = syscall(SYS_munmap, p, 0);
  check("munmap of kernel addresses or of nothing is EINVAL", k == -1 && e6 == EINVAL && empty == -1 && errno == EINVAL,
        DETAIL("%ld/%d %ld/%d", k, e6, empty, errno));
  errno = 0;
  long a = syscall(SYS_mprotect, 0, 0, 0);
  long b = mprotect(p, 0, PROT_READ);
  long c = mprotect(p + 1, 0, PROT_READ);
  check("mprotect of zero bytes succeeds (unless misaligned)", a == 0 && b == 0 && c == -1 && errno == EINVAL,
        DETAIL("%ld %ld %ld/%d", a, b, c, errno));
  munmap(p, 8192);
  unsigned long start = (unsigned long) syscall(SYS_brk, 0);
  unsigned long grown = (unsigned long) syscall(SYS_brk, start + 10000);
  int writable = 0;
  if (grown == start + 10000) {
    ((char*) start)[9999] = 1;
    writable = 1;
  }
  unsigned long shrunk = (unsigned long) syscall(SYS_brk, start);
  unsigned long refused = (unsigned long) syscall(SYS_brk, 0x1000);
  check("brk reports, grows and shrinks the break", start >= 0x8000 && grown == start + 10000 && writable
        && shrunk == start && refused == start, DETAIL("%lx %lx %lx %lx", start, grown, shrunk, refused));
  struct rlimit old, small = {64 << 20, RLIM_INFINITY};
  getrlimit(RLIMIT_AS, &old);
  setrlimit(RLIMIT_AS, &small);
  errno = 0;
  void* big = mmap(NULL, 128 << 20, PROT_READ | PROT_WRITE, anon, -1, 0);
  int e7 = errno;
  void* heap = malloc(128 << 20);
  setrlimit(RLIMIT_AS, &old);
  void* after = mmap(NULL, 16 << 20, PROT_READ | PROT_WRITE, anon, -1, 0);
  check("RLIMIT_AS refuses mappings past it with ENOMEM", big == MAP_FAILED && e7 == ENOMEM && heap == NULL
        && after != MAP_FAILED, DETAIL("%p/%d heap %p after %p", big, e7, heap, after));
  munmap(after, 16 << 20);
}

static volatile int cpu_limit_hit;
static void on_xcpu(int sig) { (void) sig; cpu_limit_hit = 1; }

static void cpu_limit(void) {
  struct sigaction a;
  memset(&a, 0, sizeof a);
  a.sa_handler = on_xcpu;
  sigaction(SIGXCPU, &a, NULL);
  struct rlimit one = {1, RLIM_INFINITY};
  setrlimit(RLIMIT_CPU, &one);
  for (volatile unsigned long spins = 0; !cpu_limit_hit && spins < 4000000000UL; spins++) { }
  struct rlimit none = {RLIM_INFINITY, RLIM_INFINITY};
  setrlimit(RLIMIT_CPU, &none);
  check("RLIMIT_CPU raises SIGXCPU when the CPU time passes the soft limit", cpu_limit_hit, "no SIGXCPU");
}

/* ---- signals, ioctl, vectors and sockets */

static void signals_and_files(void) {
  errno = 0;
  int k = kill(-1, SIGKILL);
  check("kill(-1, SIGKILL) spares the caller", k == -1 && errno == ESRCH, DETAIL("%d errno %d", k, errno));
  int sig = EXPECT_SIGNAL(free((void*) 0x123450));
  check("an invalid free raises SIGABRT through the payload's handler", sig == SIGABRT, DETAIL("signal %d", sig));
  sig = EXPECT_SIGNAL(abort());
  check("abort raises SIGABRT through the payload's handler", sig == SIGABRT, DETAIL("signal %d", sig));
  int p[2];
  pipe(p);
  write(p[1], "hello", 5);
  int queued = -1, one = 1, zero = 0;
  long r1 = syscall(SYS_ioctl, p[0], FIONREAD, &queued);
  char b[8];
  read(p[0], b, 5);
  long r2 = syscall(SYS_ioctl, p[0], FIONBIO, &one);
  errno = 0;
  long empty = read(p[0], b, 1);
  int e1 = errno;
  long r3 = syscall(SYS_ioctl, p[0], FIONBIO, &zero);
  int blocking = !(fcntl(p[0], F_GETFL) & O_NONBLOCK);
  long r4 = syscall(SYS_ioctl, p[1], FIOCLEX);
  int cloexec = fcntl(p[1], F_GETFD) == FD_CLOEXEC;
  long r5 = syscall(SYS_ioctl, p[1], FIONCLEX);
  int cleared = fcntl(p[1], F_GETFD) == 0;
  check("ioctl FIONREAD, FIONBIO, FIOCLEX and FIONCLEX on a pipe", r1 == 0 && queued == 5 && r2 == 0 && empty == -1
        && e1 == EAGAIN && r3 == 0 && blocking && r4 == 0 && cloexec && r5 == 0 && cleared,
        DETAIL("%ld/%d %ld %ld/%d %ld %d %ld %d %ld %d", r1, queued, r2, empty, e1, r3, blocking, r4, cloexec, r5, cleared));
  int file = open("/data/local/tmp/ioctl", O_RDWR | O_CREAT | O_TRUNC, 0600);
  write(file, "0123456789", 10);
  lseek(file, 4, SEEK_SET);
  char termios[64];
  errno = 0;
  long t1 = syscall(SYS_ioctl, file, TCGETS, termios);
  int e2 = errno;
  long t2 = syscall(SYS_ioctl, p[0], TCGETS, termios);
  int e3 = errno;
  long t3 = syscall(SYS_ioctl, file, 0x12345678, 0);
  int e4 = errno;
  long t4 = syscall(SYS_ioctl, 999, FIONREAD, &queued);
  int e5 = errno;
  queued = -1;
  long t5 = syscall(SYS_ioctl, file, FIONREAD, &queued);
  check("ioctl TCGETS and unknown requests are ENOTTY, a bad descriptor EBADF, FIONREAD on a file what is left",
        t1 == -1 && e2 == ENOTTY && t2 == -1 && e3 == ENOTTY && t3 == -1 && e4 == ENOTTY && t4 == -1 && e5 == EBADF
        && t5 == 0 && queued == 6, DETAIL("%ld/%d %ld/%d %ld/%d %ld/%d %ld/%d", t1, e2, t2, e3, t3, e4, t4, e5, t5, queued));
  static struct iovec many[1025];
  for (int i = 0; i < 1025; i++) { many[i].iov_base = "x"; many[i].iov_len = 1; }
  errno = 0;
  long v1 = writev(p[1], many, 1025);
  int e6 = errno;
  long v2 = syscall(SYS_writev, p[1], many, -1);
  check("writev with more than IOV_MAX (1024) vectors, or a negative count, is EINVAL", v1 == -1 && e6 == EINVAL
        && v2 == -1 && errno == EINVAL, DETAIL("%ld/%d %ld/%d", v1, e6, v2, errno));
  errno = 0;
  long big = pwrite(file, "x", 1, INT64_MAX);
  int e7 = errno;
  long seek = lseek(file, INT64_MAX, SEEK_SET);
  long after = write(file, "x", 1);
  check("writing at the largest offset is EFBIG", big == -1 && e7 == EFBIG && seek == INT64_MAX && after == -1
        && errno == EFBIG, DETAIL("%ld/%d %ld %ld/%d", big, e7, seek, after, errno));
  close(file);
  int store = open("/mnt/encryptedstore/big", O_RDWR | O_CREAT | O_TRUNC, 0600);
  errno = 0;
  big = pwrite(store, "x", 1, INT64_MAX);
  check("writing at the largest offset of the encrypted store is EFBIG", store >= 0 && big == -1 && errno == EFBIG,
        DETAIL("fd %d %ld/%d", store, big, errno));
  close(store);
  close(p[0]);
  close(p[1]);
  int s = socket(AF_VSOCK, SOCK_STREAM, 0);
  struct sockaddr_vm host = {AF_VSOCK, 0, 9, VMADDR_CID_HOST, 0, {0}};
  errno = 0;
  int c = connect(s, (struct sockaddr*) &host, 100000);
  check("a vsock connect with an address length of 100000 is EINVAL", c == -1 && errno == EINVAL,
        DETAIL("%d errno %d", c, errno));
  close(s);
}

/* ---- arithmetic and parsing as ARM and bionic do them */

static void arithmetic_and_parsing(void) {
  div_t d = div(7, 0);
  ldiv_t l = ldiv(7, 0);
  lldiv_t ll = lldiv(-7, 0);
  imaxdiv_t im = imaxdiv(INT64_MIN, -1);
  check("div by zero gives quotient 0 and the dividend as remainder, as sdiv does", d.quot == 0 && d.rem == 7
        && l.quot == 0 && l.rem == 7 && ll.quot == 0 && ll.rem == -7 && im.quot == INT64_MIN && im.rem == 0,
        DETAIL("%d %d %ld %ld %lld %lld", d.quot, d.rem, l.quot, l.rem, ll.quot, ll.rem));
  struct tm extreme;
  memset(&extreme, 0, sizeof extreme);
  extreme.tm_year = 2147483647;
  extreme.tm_mday = 1;
  char text[64];
  size_t n = strftime(text, sizeof text, "%Y-%m-%d %A", &extreme);
  check("strftime of the largest year", n > 0, "no text");
  size_t length = 1 << 20;
  char* digits = malloc(length + 1);
  memset(digits, '7', length);
  digits[length] = 0;
  int value = 0;
  int fields = sscanf(digits, "%d", &value);
  double real = 0;
  int fields2 = sscanf(digits, "%lf", &real);
  check("sscanf of a number with a million digits", fields == 1 && fields2 == 1, DETAIL("%d %d", fields, fields2));
  free(digits);
}

static void* nothing(void* arg) { return arg; }

static void thread_attributes(void) {
  pthread_attr_t attr;
  memset(&attr, 0xff, sizeof attr);
  pthread_t t;
  int r1 = pthread_create(&t, &attr, nothing, NULL);
  if (r1 == 0) pthread_join(t, NULL);
  memset(&attr, 0, sizeof attr);
  int r2 = pthread_create(&t, &attr, nothing, NULL);
  if (r2 == 0) pthread_join(t, NULL);
  pthread_attr_init(&attr);
  int r3 = pthread_attr_setstacksize(&attr, 1);
  check("pthread_create with garbage or zeroed attributes answers an error or runs", (r1 == 0 || r1 == EINVAL
        || r1 == EAGAIN) && (r2 == 0 || r2 == EINVAL || r2 == EAGAIN) && r3 == EINVAL, DETAIL("%d %d %d", r1, r2, r3));
}

static pthread_mutex_t hold = PTHREAD_MUTEX_INITIALIZER;
static void* held(void* arg) {
  pthread_mutex_lock(&hold);
  pthread_mutex_unlock(&hold);
  return arg;
}

/* The process's threads as /proc/self/status counts them (-1 if unreadable). */
static int thread_count(void) {
  FILE* f = fopen("/proc/self/status", "r");
  if (f == NULL) return -1;
  char line[128];
  int n = -1;
  while (fgets(line, sizeof line, f) != NULL) {
    if (sscanf(line, "Threads: %d", &n) == 1) break;
  }
  fclose(f);
  return n;
}

/* RLIMIT_NPROC counts the process's threads: past it pthread_create is EAGAIN (the default is half of fork_init's
   max_threads, 1024 in a 256 MiB VM). */
static void thread_limit(void) {
  /* A thread of an earlier check created detached (garbage attributes) may still be ending, on other CPUs as on a
     device: the count starts once the main thread is alone. */
  for (int i = 0; i < 5000 && thread_count() > 1; i++) usleep(1000);
  struct rlimit old, low;
  getrlimit(6 /* RLIMIT_NPROC */, &old);
  low.rlim_cur = 4;
  low.rlim_max = old.rlim_max;
  setrlimit(6, &low);
  pthread_mutex_lock(&hold);
  pthread_t t[8];
  int created = 0, r = 0;
  while (created < 8 && (r = pthread_create(&t[created], NULL, held, NULL)) == 0) created++;
  pthread_mutex_unlock(&hold);
  for (int i = 0; i < created; i++) pthread_join(t[i], NULL);
  setrlimit(6, &old);
  int again = pthread_create(&t[0], NULL, held, NULL);
  if (again == 0) pthread_join(t[0], NULL);
  check("RLIMIT_NPROC of 4 lets 3 threads join the main one, then pthread_create is EAGAIN; the default is 1024",
        created == 3 && r == EAGAIN && old.rlim_cur == 1024 && again == 0,
        DETAIL("created %d then %d, default %llu, again %d", created, r, (unsigned long long) old.rlim_cur, again));
}

int AVmPayload_main(void) {
  catch_signals();
  kernel_copies();
  library_faults();
  code_pages();
  apk_is_read_only();
  el0();
  mappings();
  signals_and_files();
  arithmetic_and_parsing();
  thread_attributes();
  thread_limit();
  cpu_limit();
  printf("hardening failures=%d\n", failures);
  return failures;
}
