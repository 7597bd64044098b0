/*
 * A payload that generates code: writes a function into a writable and executable page, makes the caches coherent
 * as compiler-rt's __clear_cache does (dc cvau, dsb ish, ic ivau, dsb ish, isb), runs it, rewrites it in place,
 * flushes again and runs it again, three times, in an RWX page and W^X. A CPU that kept an old translation would
 * return an old value (each version returns its round: the sums are 6000).
 */
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>

#ifndef PROT_EXEC
#define PROT_EXEC 4
#endif

int AVmPayload_main(void);

static void clear_cache(void* begin, void* end) {
  for (uintptr_t p = (uintptr_t) begin & ~63UL; p < (uintptr_t) end; p += 64) __asm__ volatile("dc cvau, %0" ::"r"(p) : "memory");
  __asm__ volatile("dsb ish" ::: "memory");
  for (uintptr_t p = (uintptr_t) begin & ~63UL; p < (uintptr_t) end; p += 64) __asm__ volatile("ic ivau, %0" ::"r"(p) : "memory");
  __asm__ volatile("dsb ish\n isb" ::: "memory");
}

/* movz w0, #value; ret */
static void emit_return(volatile uint32_t* code, unsigned value) {
  code[0] = 0x52800000u | (value & 0xffffu) << 5;
  code[1] = 0xd65f03c0u;
}

/* Rewrites in place (an RWX page), running each version 1000 times so that its translation is hot. */
static int rewrite_rwx(void) {
  uint32_t* code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (code == MAP_FAILED) return -1;
  int (*fn)(void) = (int (*)(void)) code;
  int sum = 0;
  for (int round = 1; round <= 3; round++) {
    emit_return(code, round);
    clear_cache(code, code + 2);
    for (int i = 0; i < 1000; i++) sum += fn();
  }
  return sum;
}

/* W^X, as JITs on Android do: written while RW, run while RX, flipped by mprotect each round. */
static int rewrite_wx(void) {
  uint32_t* code = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (code == MAP_FAILED) return -1;
  int (*fn)(void) = (int (*)(void)) code;
  int sum = 0;
  for (int round = 1; round <= 3; round++) {
    mprotect(code, 4096, PROT_READ | PROT_WRITE);
    emit_return(code, round);
    clear_cache(code, code + 2);
    mprotect(code, 4096, PROT_READ | PROT_EXEC);
    for (int i = 0; i < 1000; i++) sum += fn();
  }
  return sum;
}

int AVmPayload_main(void) {
  int rwx = rewrite_rwx(), wx = rewrite_wx();
  printf("code_rewrite: rwx=%d wx=%d\n", rwx, wx);
  return rwx == 6000 && wx == 6000 ? 0 : 1;
}
