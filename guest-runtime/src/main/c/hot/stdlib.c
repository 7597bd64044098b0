/*
 * mdemu's stdlib routines that run as guest code: abort, whose SIGABRT goes through the payload's handler exactly
 * as bionic's does, and qsort, qsort_r and bsearch, whose comparators are plain calls and whose memory accesses are
 * the guest's own (a bad base pointer or size faults where the element is, and a long sort stops with the VM).
 * Built with -ffreestanding -fno-builtin: no libc, raw system calls.
 */
#include <stddef.h>
#include <stdint.h>

#define SIGABRT 6
#define SIG_SETMASK 2
#define SA_RESTART 0x10000000UL
#define NR_exit_group 94
#define NR_tgkill 131
#define NR_rt_sigaction 134
#define NR_rt_sigprocmask 135
#define NR_getpid 172
#define NR_gettid 178

static long syscall4(long n, long a, long b, long c, long d) {
  register long x0 __asm__("x0") = a;
  register long x1 __asm__("x1") = b;
  register long x2 __asm__("x2") = c;
  register long x3 __asm__("x3") = d;
  register long x8 __asm__("x8") = n;
  __asm__ volatile("svc #0" : "+r"(x0) : "r"(x1), "r"(x2), "r"(x3), "r"(x8) : "memory");
  return x0;
}

static void raise_abort(void) {
  syscall4(NR_tgkill, syscall4(NR_getpid, 0, 0, 0, 0), syscall4(NR_gettid, 0, 0, 0, 0), SIGABRT, 0);
}

/*
 * As bionic's abort: every signal but SIGABRT blocked, SIGABRT raised (a handler may run, and may leave with
 * siglongjmp); if it returns, SIGABRT goes back to its default action and is raised again, which ends the process
 * with a tombstone.
 */
void abort(void) {
  unsigned long mask = ~(1UL << (SIGABRT - 1));
  syscall4(NR_rt_sigprocmask, SIG_SETMASK, (long) &mask, 0, 8);
  raise_abort();
  struct { unsigned long handler, flags, restorer, mask; } action = {0, SA_RESTART, 0, 0};
  syscall4(NR_rt_sigaction, SIGABRT, (long) &action, 0, 8);
  syscall4(NR_rt_sigprocmask, SIG_SETMASK, (long) &mask, 0, 8);
  raise_abort();
  syscall4(NR_exit_group, 127, 0, 0, 0);
  for (;;) { }
}

typedef int (*comparator)(const void*, const void*);
/* The sort compares through qsort_r's comparator, which takes a context; qsort's goes through plain(). */
typedef int (*comparator_r)(const void*, const void*, void*);

static int plain(const void* a, const void* b, void* compare) {
  return ((comparator) compare)(a, b);
}

static void swap(char* a, char* b, size_t size) {
  if (a == b) return;
  if (((uintptr_t) a | (uintptr_t) b | size) % 8 == 0) {
    for (size_t i = 0; i < size; i += 8) {
      uint64_t t = *(uint64_t*) (a + i);
      *(uint64_t*) (a + i) = *(uint64_t*) (b + i);
      *(uint64_t*) (b + i) = t;
    }
    return;
  }
  for (size_t i = 0; i < size; i++) {
    char t = a[i];
    a[i] = b[i];
    b[i] = t;
  }
}

static void insertion_sort(char* base, size_t n, size_t size, comparator_r compare, void* arg) {
  for (size_t i = 1; i < n; i++) {
    for (size_t j = i; j > 0 && compare(base + (j - 1) * size, base + j * size, arg) > 0; j--) {
      swap(base + (j - 1) * size, base + j * size, size);
    }
  }
}

static void sift_down(char* base, size_t root, size_t n, size_t size, comparator_r compare, void* arg) {
  for (;;) {
    size_t child = 2 * root + 1;
    if (child >= n) return;
    if (child + 1 < n && compare(base + child * size, base + (child + 1) * size, arg) < 0) child++;
    if (compare(base + root * size, base + child * size, arg) >= 0) return;
    swap(base + root * size, base + child * size, size);
    root = child;
  }
}

static void heap_sort(char* base, size_t n, size_t size, comparator_r compare, void* arg) {
  for (size_t i = n / 2; i-- > 0; ) sift_down(base, i, n, size, compare, arg);
  for (size_t end = n; end-- > 1; ) {
    swap(base, base + end * size, size);
    sift_down(base, 0, end, size, compare, arg);
  }
}

/* Introsort: median-of-three quicksort, insertion sort for short runs, heapsort when the recursion gets deep. */
static void intro_sort(char* base, size_t n, size_t size, comparator_r compare, void* arg, int depth) {
  while (n > 16) {
    if (depth-- == 0) {
      heap_sort(base, n, size, compare, arg);
      return;
    }
    char* first = base;
    char* middle = base + (n / 2) * size;
    char* last = base + (n - 1) * size;
    if (compare(middle, first, arg) < 0) swap(middle, first, size);
    if (compare(last, middle, arg) < 0) {
      swap(last, middle, size);
      if (compare(middle, first, arg) < 0) swap(middle, first, size);
    }
    swap(middle, base, size); /* the pivot waits at the front */
    size_t i = 1, j = n - 1;
    for (;;) {
      while (i <= j && compare(base + i * size, base, arg) < 0) i++;
      while (j >= i && compare(base + j * size, base, arg) > 0) j--;
      if (i >= j) break;
      swap(base + i * size, base + j * size, size);
      i++;
      j--;
    }
    swap(base, base + j * size, size);
    /* Recurse into the smaller side, loop on the larger: the stack stays logarithmic. */
    size_t left = j, right = n - j - 1;
    if (left < right) {
      intro_sort(base, left, size, compare, arg, depth);
      base += (j + 1) * size;
      n = right;
    } else {
      intro_sort(base + (j + 1) * size, right, size, compare, arg, depth);
      n = left;
    }
  }
  insertion_sort(base, n, size, compare, arg);
}

/* qsort_r (API 36) with glibc's argument order, as bionic declares it: the context comes last, to the comparator too. */
void qsort_r(void* base, size_t n, size_t size, comparator_r compare, void* arg) {
  if (n < 2 || size == 0) return;
  int depth = 0;
  for (size_t m = n; m > 1; m >>= 1) depth += 2;
  intro_sort(base, n, size, compare, arg, depth);
}

void qsort(void* base, size_t n, size_t size, comparator compare) {
  qsort_r(base, n, size, plain, (void*) compare);
}

void* bsearch(const void* key, const void* base, size_t n, size_t size, comparator compare) {
  const char* low = base;
  while (n > 0) {
    const char* middle = low + (n / 2) * size;
    int c = compare(key, middle);
    if (c == 0) return (void*) middle;
    if (c > 0) {
      low = middle + size;
      n -= n / 2 + 1;
    } else {
      n /= 2;
    }
  }
  return NULL;
}
