/*
 * mdemu's guest string routines (guest-runtime/src/main/c/hot/string.c, the code calls.c measures inside mdemu)
 * as a freestanding static aarch64 Linux program, so qemu-aarch64 runs the same instructions as the reference.
 * Prints the same lines as calls.c for memcpy and strlen.
 */
#include "../../../guest-runtime/src/main/c/hot/string.c"
#include "static_linux.h"

static char line[256];
static int used;

static void put(const char* s) {
  while (*s) line[used++] = *s++;
}

static void put_number(unsigned long v) {
  char tmp[24];
  int n = 0;
  do { tmp[n++] = (char)('0' + v % 10); v /= 10; } while (v);
  while (n) line[used++] = tmp[--n];
}

static void flush(void) {
  line[used++] = '\n';
  sys(64, 1, (long)line, used);
  used = 0;
}

/* The payload reaches these routines through its PLT (a load of the GOT entry and an indirect branch); the reference
 * calls them through pointers the compiler cannot see through, so that it neither inlines them into the loops (a
 * 64-byte memcpy of a constant size would become four load/store pairs) nor specialises them for the constant size. */
static void* (*volatile memcpy_call)(void*, const void*, size_t) = memcpy;
static size_t (*volatile strlen_call)(const char*) = strlen;

#define SIZE (64 * 1024)
#define ROUNDS 500
#define SMALL_ROUNDS 200000L
static char a[SIZE] __attribute__((aligned(16)));
static char b[SIZE] __attribute__((aligned(16)));

void _start(void) {
  for (int i = 0; i < SIZE; i++) a[i] = 'x';
  a[SIZE - 1] = 0;
  long t0 = now_ns();
  for (int i = 0; i < ROUNDS; i++) {
    memcpy_call(b, a, SIZE);
    __asm__ volatile("" ::: "memory");
  }
  long t1 = now_ns();
  put("memcpy MBps=");
  put_number((unsigned long)((long)SIZE * ROUNDS * 1000L / (t1 - t0)));
  flush();
  unsigned long total = 0;
  t0 = now_ns();
  for (int i = 0; i < ROUNDS; i++) {
    total += strlen_call(a);
    __asm__ volatile("" ::: "memory");
  }
  t1 = now_ns();
  put("strlen MBps=");
  put_number((unsigned long)((long)SIZE * ROUNDS * 1000L / (t1 - t0)));
  put(" (checksum ");
  put_number(total);
  put(")");
  flush();
  char small_src[64] __attribute__((aligned(16))), small_dst[64] __attribute__((aligned(16)));
  for (int i = 0; i < 64; i++) small_src[i] = 'y';
  small_src[15] = 0;
  t0 = now_ns();
  for (long i = 0; i < SMALL_ROUNDS; i++) {
    memcpy_call(small_dst, small_src, sizeof(small_dst));
    __asm__ volatile("" ::: "memory");
  }
  t1 = now_ns();
  put("memcpy64 ns_per_call=");
  put_number((unsigned long)((t1 - t0) / SMALL_ROUNDS));
  flush();
  t0 = now_ns();
  for (long i = 0; i < SMALL_ROUNDS; i++) {
    total += strlen_call(small_src);
    __asm__ volatile("" ::: "memory");
  }
  t1 = now_ns();
  put("strlen15 ns_per_call=");
  put_number((unsigned long)((t1 - t0) / SMALL_ROUNDS));
  put(" (checksum ");
  put_number(total);
  put(")");
  flush();
  sys(94, 0, 0, 0);
}
