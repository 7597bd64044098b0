/*
 * The library half of the tombstone payload (libtombstones_dep.so, DT_NEEDED by every libtombstones_<mode>.so): the
 * middle and the innermost frames of its crashes, so that a backtrace crosses the two libraries several times. Built
 * -O2 -fomit-frame-pointer: only the call frame information says where each frame's return address is.
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stdlib.h>

typedef int (*callback)(volatile int*);

__attribute__((noinline)) void tomb_dep_crash(volatile int* p) {
  p[4] = 42; /* p is NULL: a write to 0x10 */
}

__attribute__((noinline)) int tomb_dep_touch(volatile int* p) {
  return p[0] + 1;
}

__attribute__((noinline)) int tomb_dep_level2(callback cb, volatile int* p, int n) {
  volatile int local[8];
  for (int i = 0; i < 8; i++) local[i] = n + i;
  int r = cb(p);
  return r * 7 + local[3];
}

__attribute__((noinline)) int tomb_dep_level1(callback cb, volatile int* p, int n) {
  int r = tomb_dep_level2(cb, p, n + 1);
  return r * 3 + n;
}

/* A worker's wait: on its condition forever (the crash on another thread ends it). */
__attribute__((noinline)) void tomb_dep_wait(pthread_mutex_t* m, pthread_cond_t* ready, pthread_cond_t* never,
                                             volatile int* count) {
  pthread_mutex_lock(m);
  (*count)++;
  pthread_cond_signal(ready);
  for (;;) pthread_cond_wait(never, m);
}

/* android_set_abort_message then abort(), as a library's fatal check does (the symbol from libc by dlsym: the test
   stubs' libc.so lacks it). */
__attribute__((noinline)) void tomb_dep_abort(const char* message) {
  void (*set_message)(const char*) = (void (*)(const char*)) dlsym(RTLD_DEFAULT, "android_set_abort_message");
  if (set_message != NULL) set_message(message);
  abort();
}

/* Unbounded recursion with a frame of 1 KiB: the thread's stack guard ends it. */
__attribute__((noinline)) int tomb_dep_recurse(int n) {
  volatile char frame[1024];
  frame[n & 1023] = (char) n;
  return tomb_dep_recurse(n + 1) + frame[(n * 7) & 1023];
}
