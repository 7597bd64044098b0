/*
 * mdemu's hot string routines, run as guest code so a call costs a branch, not a trap into Java.
 * Word-at-a-time where alignment allows. Built with -ffreestanding -fno-builtin so the compiler does not turn
 * these loops back into calls to themselves.
 */
#include <stddef.h>
#include <stdint.h>

#define ONES ((uint64_t)0x0101010101010101ULL)
#define HIGHS ((uint64_t)0x8080808080808080ULL)
#define HAS_ZERO(w) (((w) - ONES) & ~(w) & HIGHS)

void* memcpy(void* restrict dst, const void* restrict src, size_t n) {
  unsigned char* d = dst;
  const unsigned char* s = src;
  if ((((uintptr_t)d | (uintptr_t)s) & 7) == 0) {
    for (; n >= 32; n -= 32, d += 32, s += 32) {
      uint64_t a = ((const uint64_t*)s)[0], b = ((const uint64_t*)s)[1];
      uint64_t c = ((const uint64_t*)s)[2], e = ((const uint64_t*)s)[3];
      ((uint64_t*)d)[0] = a; ((uint64_t*)d)[1] = b; ((uint64_t*)d)[2] = c; ((uint64_t*)d)[3] = e;
    }
    for (; n >= 8; n -= 8, d += 8, s += 8) *(uint64_t*)d = *(const uint64_t*)s;
  }
  while (n--) *d++ = *s++;
  return dst;
}

void* memmove(void* dst, const void* src, size_t n) {
  unsigned char* d = dst;
  const unsigned char* s = src;
  if (d == s || n == 0) return dst;
  if (d < s || d >= s + n) return memcpy(dst, src, n);
  d += n;
  s += n;
  while (n--) *--d = *--s;
  return dst;
}

void* memset(void* dst, int c, size_t n) {
  unsigned char* d = dst;
  uint64_t w = ONES * (unsigned char)c;
  while (n && ((uintptr_t)d & 7)) { *d++ = (unsigned char)c; n--; }
  for (; n >= 8; n -= 8, d += 8) *(uint64_t*)d = w;
  while (n--) *d++ = (unsigned char)c;
  return dst;
}

int memcmp(const void* a, const void* b, size_t n) {
  const unsigned char* x = a;
  const unsigned char* y = b;
  for (; n; n--, x++, y++) if (*x != *y) return *x - *y;
  return 0;
}

void* memchr(const void* s, int c, size_t n) {
  const unsigned char* p = s;
  for (; n; n--, p++) if (*p == (unsigned char)c) return (void*)p;
  return NULL;
}

size_t strlen(const char* s) {
  const char* p = s;
  while ((uintptr_t)p & 7) {
    if (!*p) return (size_t)(p - s);
    p++;
  }
  /* Aligned 8-byte reads never cross a page boundary, so they cannot fault past the terminator's page. */
  for (;;) {
    uint64_t w = *(const uint64_t*)p;
    if (HAS_ZERO(w)) break;
    p += 8;
  }
  while (*p) p++;
  return (size_t)(p - s);
}

int strcmp(const char* a, const char* b) {
  const unsigned char* x = (const unsigned char*)a;
  const unsigned char* y = (const unsigned char*)b;
  while (*x && *x == *y) { x++; y++; }
  return *x - *y;
}

int strncmp(const char* a, const char* b, size_t n) {
  const unsigned char* x = (const unsigned char*)a;
  const unsigned char* y = (const unsigned char*)b;
  for (; n; n--, x++, y++) {
    if (*x != *y) return *x - *y;
    if (!*x) return 0;
  }
  return 0;
}

char* strchr(const char* s, int c) {
  for (;; s++) {
    if (*s == (char)c) return (char*)s;
    if (!*s) return NULL;
  }
}

char* strcpy(char* dst, const char* src) {
  char* d = dst;
  while ((*d++ = *src++)) {
  }
  return dst;
}
