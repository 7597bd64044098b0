/*
 * Guest threads hammering everything a double-executed instruction or host call would corrupt (issue 11): lock-free
 * atomics (the compiler's and hand-written load/store-exclusive loops), LSE atomics where the CPU has them, pointer
 * chasing through malloc'ed lists, Java-served libc calls (malloc, free, snprintf, strlen, memcpy, memcmp), mutexes,
 * syscalls and yields. Every total is exact or the payload says which one is wrong and exits 1.
 */
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <unistd.h>

#define THREADS 6
#define ROUNDS 12
#define ATOMIC_OPS 2000
#define LIST_NODES 300
#define HWCAP_ATOMICS (1 << 8)
#ifndef SYS_gettid
#define SYS_gettid 178
#endif

struct node { struct node* next; long value; };

static long atomic_total;
static int atomic_total32;
static long exclusive_total;
static long lse_total;
static long locked_total;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int have_lse;
static int failures;

static void fail(const char* what, long thread, long got, long want) {
  __atomic_fetch_add(&failures, 1, __ATOMIC_SEQ_CST);
  printf("FAIL %s in thread %ld: %ld, expected %ld\n", what, thread, got, want);
}

static void exclusive_add(long* p, long v) {
  long tmp;
  int status;
  __asm__ volatile("1: ldaxr %0, [%2]\n"
                   "   add %0, %0, %3\n"
                   "   stlxr %w1, %0, [%2]\n"
                   "   cbnz %w1, 1b\n"
                   : "=&r"(tmp), "=&r"(status) : "r"(p), "r"(v) : "memory");
}

static void lse_add(long* p, long v) {
  long old;
  __asm__ volatile(".arch_extension lse\n ldaddal %1, %0, [%2]" : "=r"(old) : "r"(v), "r"(p) : "memory");
}

static volatile int first_thread_ran;

static void* first_thread(void* arg) {
  first_thread_ran = 1;
  return arg;
}

static void* worker(void* arg) {
  long id = (long) arg;
  for (int round = 0; round < ROUNDS; round++) {
    for (int i = 0; i < ATOMIC_OPS; i++) {
      __atomic_fetch_add(&atomic_total, 1, __ATOMIC_SEQ_CST);
      __atomic_fetch_add(&atomic_total32, 1, __ATOMIC_RELAXED);
      exclusive_add(&exclusive_total, 1);
      if (have_lse) lse_add(&lse_total, 1);
    }
    struct node* head = NULL;
    for (int i = 0; i < LIST_NODES; i++) {
      struct node* n = malloc(sizeof *n + (i % 5) * 8);
      n->value = i + id;
      n->next = head;
      head = n;
    }
    long sum = 0, count = 0;
    for (struct node* n = head; n != NULL; n = n->next) { sum += n->value; count++; }
    long want = (long) LIST_NODES * (LIST_NODES - 1) / 2 + LIST_NODES * id;
    if (count != LIST_NODES || sum != want) fail("list sum", id, sum, want);
    while (head != NULL) { struct node* next = head->next; free(head); head = next; }

    char text[64], copy[64];
    int len = snprintf(text, sizeof text, "thread %ld round %d tid %d", id, round, gettid());
    if ((int) strlen(text) != len) fail("snprintf length", id, (long) strlen(text), len);
    memcpy(copy, text, (size_t) len + 1);
    if (memcmp(copy, text, (size_t) len + 1) != 0) fail("memcpy", id, 0, 1);

    for (int i = 0; i < 50; i++) {
      pthread_mutex_lock(&lock);
      locked_total++;
      pthread_mutex_unlock(&lock);
    }
    if (syscall(SYS_gettid) != gettid()) fail("gettid", id, syscall(SYS_gettid), gettid());
    if (round % 3 == id % 3) sched_yield();
  }
  return NULL;
}

int AVmPayload_main(void) {
  have_lse = (getauxval(AT_HWCAP) & HWCAP_ATOMICS) != 0;
  /* The first thread of a process is created from a run of the CPU that had no reason to be time-sliced; the creator
   * then spins without a single call until the new thread has run, which it can only do if that run was cut. */
  pthread_t first;
  pthread_create(&first, NULL, first_thread, NULL);
  while (!first_thread_ran) __asm__ volatile("" ::: "memory");
  pthread_join(first, NULL);
  pthread_t t[THREADS];
  for (long i = 0; i < THREADS; i++) pthread_create(&t[i], NULL, worker, (void*) i);
  for (int i = 0; i < THREADS; i++) pthread_join(t[i], NULL);
  long ops = (long) THREADS * ROUNDS * ATOMIC_OPS;
  if (atomic_total != ops) fail("__atomic_fetch_add total", -1, atomic_total, ops);
  if (atomic_total32 != ops) fail("32-bit relaxed total", -1, atomic_total32, ops);
  if (exclusive_total != ops) fail("ldaxr/stlxr total", -1, exclusive_total, ops);
  if (have_lse && lse_total != ops) fail("ldaddal total", -1, lse_total, ops);
  if (locked_total != (long) THREADS * ROUNDS * 50) fail("mutex-protected total", -1, locked_total, THREADS * ROUNDS * 50);
  printf("thread_stress: %d threads, %ld atomic ops each kind, lse %s, failures=%d\n", THREADS, ops,
         have_lse ? "yes" : "no", failures);
  return failures == 0 ? 0 : 1;
}
