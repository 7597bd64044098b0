/* Guest threads, synchronization and the thread syscalls, checked from inside the guest: one line per check. */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define SYS_futex 98
#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define CLONE_THREAD_FLAGS 0x3d0f00 /* VM|FS|FILES|SIGHAND|THREAD|SYSVSEM|SETTLS|PARENT_SETTID|CHILD_CLEARTID */
#define EBUSY 16
#define EDEADLK 35
#define EPERM 1
#define ETIMEDOUT 110
#define EAGAIN 11
int usleep(unsigned int usec);

static int failures;

static void check(const char* name, int ok, const char* detail) {
  if (ok) printf("ok %s\n", name);
  else { printf("FAIL %s: %s\n", name, detail); failures++; }
}

/* --- 64 threads hammering one mutex --- */
static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void* hammer(void* arg) {
  long rounds = (long)arg;
  for (long i = 0; i < rounds; i++) {
    pthread_mutex_lock(&counter_lock);
    long v = counter;
    if ((i & 63) == 0) sched_yield(); /* invite a switch inside the critical section */
    counter = v + 1;
    pthread_mutex_unlock(&counter_lock);
  }
  return (void*)(rounds * 2);
}

/* --- a released mutex is free for whoever takes it next: bionic's mutexes do not hand it to a sleeping waiter --- */
static pthread_mutex_t barge_lock = PTHREAD_MUTEX_INITIALIZER;
static volatile int barge_waiter_ready;

static void* barge_waiter(void* arg) {
  barge_waiter_ready = 1;
  pthread_mutex_lock(&barge_lock);
  pthread_mutex_unlock(&barge_lock);
  return arg;
}

/* How many of the rounds found the mutex free right after unlocking it while a waiter slept on it. */
static int relocks_past_a_sleeping_waiter(int rounds) {
  int relocked = 0;
  for (int i = 0; i < rounds; i++) {
    pthread_t w;
    barge_waiter_ready = 0;
    pthread_mutex_lock(&barge_lock);
    pthread_create(&w, NULL, barge_waiter, NULL);
    while (!barge_waiter_ready) sched_yield();
    usleep(2000); /* the waiter is asleep on the mutex by now */
    pthread_mutex_unlock(&barge_lock);
    if (pthread_mutex_trylock(&barge_lock) == 0) {
      relocked++;
      pthread_mutex_unlock(&barge_lock);
    }
    pthread_join(w, NULL);
  }
  return relocked;
}

/* --- producer/consumer over a bounded buffer with two condition variables --- */
#define SLOTS 8
#define ITEMS 4000
static int ring[SLOTS];
static int head, tail, filled;
static pthread_mutex_t ring_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_full = PTHREAD_COND_INITIALIZER, not_empty = PTHREAD_COND_INITIALIZER;
static long consumed_sum[2];

static void* produce(void* arg) {
  int base = (int)(long)arg;
  for (int i = 1; i <= ITEMS; i++) {
    pthread_mutex_lock(&ring_lock);
    while (filled == SLOTS) pthread_cond_wait(&not_full, &ring_lock);
    ring[tail] = base + i;
    tail = (tail + 1) % SLOTS;
    filled++;
    pthread_cond_signal(&not_empty);
    pthread_mutex_unlock(&ring_lock);
  }
  return NULL;
}

static void* consume(void* arg) {
  long who = (long)arg;
  for (int i = 0; i < ITEMS; i++) {
    pthread_mutex_lock(&ring_lock);
    while (filled == 0) pthread_cond_wait(&not_empty, &ring_lock);
    consumed_sum[who] += ring[head];
    head = (head + 1) % SLOTS;
    filled--;
    pthread_cond_signal(&not_full);
    pthread_mutex_unlock(&ring_lock);
  }
  return NULL;
}

/* --- per-thread values through keys, with destructors at thread exit --- */
static pthread_key_t slot_key;
static int destructor_runs;
static void on_thread_exit(void* value) { destructor_runs += (int)(long)value; }

static void* keyed(void* arg) {
  pthread_setspecific(slot_key, arg);
  sched_yield();
  usleep(1000);
  return (void*)(long)(pthread_getspecific(slot_key) == arg);
}

/* --- pthread_once from many threads --- */
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_runs;
static void once_init(void) { once_runs++; usleep(2000); }
static void* call_once(void* arg) { pthread_once(&once, once_init); return NULL; }

/* --- barrier, rwlock, spinlock, semaphore --- */
static pthread_barrier_t barrier;
static int serial_count;
static void* at_barrier(void* arg) {
  if (pthread_barrier_wait(&barrier) == PTHREAD_BARRIER_SERIAL_THREAD) serial_count++;
  return NULL;
}

static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static int readers_inside, max_readers_inside, rw_value;
static void* reader(void* arg) {
  for (int i = 0; i < 50; i++) {
    pthread_rwlock_rdlock(&rw);
    /* Readers share the lock, so they count themselves atomically: on several CPUs they run at the same time. */
    int inside = __atomic_add_fetch(&readers_inside, 1, __ATOMIC_SEQ_CST);
    int most = __atomic_load_n(&max_readers_inside, __ATOMIC_RELAXED);
    while (inside > most && !__atomic_compare_exchange_n(&max_readers_inside, &most, inside, 0, __ATOMIC_SEQ_CST,
                                                         __ATOMIC_RELAXED)) {
    }
    sched_yield();
    __atomic_sub_fetch(&readers_inside, 1, __ATOMIC_SEQ_CST);
    pthread_rwlock_unlock(&rw);
  }
  return NULL;
}
static void* writer(void* arg) {
  for (int i = 0; i < 50; i++) {
    pthread_rwlock_wrlock(&rw);
    if (readers_inside != 0) rw_value = -1000000;
    rw_value++;
    pthread_rwlock_unlock(&rw);
    sched_yield();
  }
  return NULL;
}

static pthread_spinlock_t spin;
static long spin_counter;
static void* spin_worker(void* arg) {
  for (int i = 0; i < 500; i++) {
    pthread_spin_lock(&spin);
    long v = spin_counter;
    if ((i & 31) == 0) sched_yield();
    spin_counter = v + 1;
    pthread_spin_unlock(&spin);
  }
  return NULL;
}

static sem_t items;
static int sem_received;
static void* sem_consumer(void* arg) {
  for (int i = 0; i < 100; i++) { sem_wait(&items); sem_received++; }
  return NULL;
}

/* --- a thread that never stops computing, while another finishes the work --- */
static volatile int spinner_started;
static void* spin_forever(void* arg) {
  spinner_started = 1;
  for (;;) __asm__ volatile("");
  return NULL;
}
static void* finish_work(void* arg) {
  long sum = 0;
  for (long i = 1; i <= 200000; i++) sum += i % 7;
  return (void*)sum;
}

/* --- raw clone and futex, as code without pthreads makes them --- */
long raw_clone_start(unsigned long flags, void* stack, int* ptid, void* tls, int* ctid, int (*fn)(void*), void* arg);
__asm__(".text\n.global raw_clone_start\n.type raw_clone_start,%function\nraw_clone_start:\n"
        "  stp x5, x6, [x1, #-16]!\n"
        "  mov x8, #220\n"
        "  svc #0\n"
        "  cbz x0, 1f\n"
        "  ret\n"
        "1:\n"
        "  ldp x5, x0, [sp], #16\n"
        "  blr x5\n"
        "  mov x8, #93\n"
        "  svc #0\n"
        "  brk #0\n");

static volatile int raw_flag;
static int raw_child_tid_seen;
static int raw_child(void* arg) {
  raw_child_tid_seen = gettid();
  raw_flag = 1;
  syscall(SYS_futex, &raw_flag, FUTEX_WAKE, 1, NULL, NULL, 0);
  return 0;
}

static int timed_rc;
static void* timedlock_thread(void* arg) {
  timed_rc = pthread_mutex_timedlock(&counter_lock, (const struct timespec*)arg);
  return NULL;
}

static void* get_tid(void* arg) { *(int*)arg = gettid(); return NULL; }

static void abstime_in(long ms, struct timespec* ts, int clock) {
  clock_gettime(clock, ts);
  ts->tv_nsec += (ms % 1000) * 1000000;
  ts->tv_sec += ms / 1000 + ts->tv_nsec / 1000000000;
  ts->tv_nsec %= 1000000000;
}

int AVmPayload_main(void) {
  char detail[160];

  /* 64 threads, one mutex */
  pthread_t t[64];
  for (int i = 0; i < 64; i++) pthread_create(&t[i], NULL, hammer, (void*)1000L);
  long returned = 0;
  for (int i = 0; i < 64; i++) { void* r; pthread_join(t[i], &r); returned += (long)r; }
  snprintf(detail, sizeof detail, "counter=%ld returned=%ld", counter, returned);
  check("64 threads x 1000 increments under one mutex", counter == 64000 && returned == 128000, detail);

  /* producer/consumer */
  pthread_t p[4];
  pthread_create(&p[0], NULL, produce, (void*)0L);
  pthread_create(&p[1], NULL, produce, (void*)1000000L);
  pthread_create(&p[2], NULL, consume, (void*)0L);
  pthread_create(&p[3], NULL, consume, (void*)1L);
  for (int i = 0; i < 4; i++) pthread_join(p[i], NULL);
  long expected = 2L * ITEMS * (ITEMS + 1) / 2 + 1000000L * ITEMS;
  snprintf(detail, sizeof detail, "sum=%ld expected=%ld", consumed_sum[0] + consumed_sum[1], expected);
  check("producer/consumer with condition variables", consumed_sum[0] + consumed_sum[1] == expected && filled == 0, detail);

  /* identity */
  int tid_a = 0, tid_b = 0;
  pthread_t ta, tb;
  pthread_create(&ta, NULL, get_tid, &tid_a);
  pthread_create(&tb, NULL, get_tid, &tid_b);
  pid_t gettid_np = pthread_gettid_np(ta);
  pthread_join(ta, NULL);
  pthread_join(tb, NULL);
  snprintf(detail, sizeof detail, "main=%d a=%d b=%d np=%d", gettid(), tid_a, tid_b, gettid_np);
  check("threads have their own tids", tid_a != tid_b && tid_a != gettid() && tid_a > 0 && gettid_np == tid_a, detail);
  check("pthread_self and pthread_equal", pthread_equal(pthread_self(), pthread_self()) && !pthread_equal(ta, tb), "");
  check("joining twice fails", pthread_join(ta, NULL) != 0, "second join succeeded");
  check("joining oneself is EDEADLK", pthread_join(pthread_self(), NULL) == EDEADLK, "");

  /* names */
  char name[16];
  check("setname rejects 16+ bytes", pthread_setname_np(pthread_self(), "a-name-that-is-too-long") != 0, "");
  pthread_setname_np(pthread_self(), "payload-main");
  pthread_getname_np(pthread_self(), name, sizeof name);
  check("setname/getname", strcmp(name, "payload-main") == 0, name);

  /* attributes */
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 256 * 1024);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  size_t size = 0;
  int state = -1;
  pthread_attr_getstacksize(&attr, &size);
  pthread_attr_getdetachstate(&attr, &state);
  check("attr stack size and detach state", size == 256 * 1024 && state == PTHREAD_CREATE_DETACHED, "");
  pthread_t detached;
  int detached_tid = 0;
  check("detached thread starts", pthread_create(&detached, &attr, get_tid, &detached_tid) == 0, "");
  pthread_attr_destroy(&attr);
  pthread_attr_t main_attr;
  void* stack_base = NULL;
  size_t stack_size = 0;
  pthread_getattr_np(pthread_self(), &main_attr);
  pthread_attr_getstack(&main_attr, &stack_base, &stack_size);
  char* here = (char*)&main_attr;
  snprintf(detail, sizeof detail, "base=%p size=%zu here=%p", stack_base, stack_size, here);
  check("getattr_np finds the main thread's stack", here >= (char*)stack_base && here < (char*)stack_base + stack_size, detail);

  /* keys and destructors */
  pthread_key_create(&slot_key, on_thread_exit);
  pthread_setspecific(slot_key, (void*)7L);
  pthread_t k[3];
  for (long i = 0; i < 3; i++) pthread_create(&k[i], NULL, keyed, (void*)(i + 1));
  long same = 0;
  for (int i = 0; i < 3; i++) { void* r; pthread_join(k[i], &r); same += (long)r; }
  check("thread-specific values differ per thread", same == 3 && pthread_getspecific(slot_key) == (void*)7L, "");
  snprintf(detail, sizeof detail, "destructor sum=%d", destructor_runs);
  check("key destructors run at thread exit", destructor_runs == 1 + 2 + 3, detail);

  /* once */
  pthread_t o[8];
  for (int i = 0; i < 8; i++) pthread_create(&o[i], NULL, call_once, NULL);
  for (int i = 0; i < 8; i++) pthread_join(o[i], NULL);
  check("pthread_once runs its routine once", once_runs == 1, "");

  /* mutex kinds */
  pthread_mutex_t rec = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;
  check("recursive mutex relocks", pthread_mutex_lock(&rec) == 0 && pthread_mutex_lock(&rec) == 0
        && pthread_mutex_unlock(&rec) == 0 && pthread_mutex_unlock(&rec) == 0, "");
  pthread_mutex_t ec;
  pthread_mutexattr_t ma;
  pthread_mutexattr_init(&ma);
  pthread_mutexattr_settype(&ma, PTHREAD_MUTEX_ERRORCHECK);
  pthread_mutex_init(&ec, &ma);
  check("errorcheck mutex unlock by non-owner is EPERM", pthread_mutex_unlock(&ec) == EPERM, "");
  pthread_mutex_lock(&ec);
  check("errorcheck mutex relock is EDEADLK", pthread_mutex_lock(&ec) == EDEADLK, "");
  pthread_mutex_unlock(&ec);
  pthread_mutex_lock(&counter_lock);
  check("trylock on a held mutex is EBUSY", pthread_mutex_trylock(&counter_lock) == EBUSY, "");
  pthread_mutex_unlock(&counter_lock);
  int relocked = relocks_past_a_sleeping_waiter(10);
  snprintf(detail, sizeof detail, "relocked %d of 10", relocked);
  /* A waiter woken on another core may win a round; one that always wins was handed the mutex. */
  check("an unlocked mutex is not handed to a sleeping waiter", relocked > 0, detail);

  /* timeouts */
  struct timespec deadline, before, after;
  pthread_cond_t mono;
  pthread_condattr_t ca;
  pthread_condattr_init(&ca);
  pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
  pthread_cond_init(&mono, &ca);
  pthread_mutex_lock(&ring_lock);
  clock_gettime(CLOCK_MONOTONIC, &before);
  abstime_in(30, &deadline, CLOCK_MONOTONIC);
  int rc = pthread_cond_timedwait(&mono, &ring_lock, &deadline);
  clock_gettime(CLOCK_MONOTONIC, &after);
  pthread_mutex_unlock(&ring_lock);
  long waited_ms = (after.tv_sec - before.tv_sec) * 1000 + (after.tv_nsec - before.tv_nsec) / 1000000;
  snprintf(detail, sizeof detail, "rc=%d waited=%ldms", rc, waited_ms);
  check("cond timedwait on CLOCK_MONOTONIC times out", rc == ETIMEDOUT && waited_ms >= 29, detail);
  pthread_mutex_lock(&counter_lock);
  pthread_t locker;
  abstime_in(20, &deadline, CLOCK_REALTIME);
  pthread_create(&locker, NULL, timedlock_thread, &deadline);
  pthread_join(locker, NULL);
  pthread_mutex_unlock(&counter_lock);
  check("mutex timedlock times out", timed_rc == ETIMEDOUT, "");

  /* barrier */
  pthread_barrier_init(&barrier, NULL, 5);
  pthread_t b[4];
  for (int i = 0; i < 4; i++) pthread_create(&b[i], NULL, at_barrier, NULL);
  if (pthread_barrier_wait(&barrier) == PTHREAD_BARRIER_SERIAL_THREAD) serial_count++;
  for (int i = 0; i < 4; i++) pthread_join(b[i], NULL);
  check("barrier releases all with one serial thread", serial_count == 1, "");

  /* rwlock */
  pthread_t r[5];
  for (int i = 0; i < 4; i++) pthread_create(&r[i], NULL, reader, NULL);
  pthread_create(&r[4], NULL, writer, NULL);
  for (int i = 0; i < 5; i++) pthread_join(r[i], NULL);
  snprintf(detail, sizeof detail, "value=%d max readers=%d", rw_value, max_readers_inside);
  check("rwlock: readers share, writers exclude", rw_value == 50 && max_readers_inside > 1, detail);
  pthread_rwlock_wrlock(&rw);
  check("rwlock tryrdlock under a writer is EBUSY", pthread_rwlock_tryrdlock(&rw) == EBUSY, "");
  pthread_rwlock_unlock(&rw);

  /* spinlock */
  pthread_spin_init(&spin, 0);
  pthread_t s[4];
  for (int i = 0; i < 4; i++) pthread_create(&s[i], NULL, spin_worker, NULL);
  for (int i = 0; i < 4; i++) pthread_join(s[i], NULL);
  check("spinlock counter", spin_counter == 2000, "");

  /* semaphore */
  sem_init(&items, 0, 0);
  pthread_t sc;
  pthread_create(&sc, NULL, sem_consumer, NULL);
  for (int i = 0; i < 100; i++) { sem_post(&items); if (i % 10 == 0) sched_yield(); }
  pthread_join(sc, NULL);
  int left = -1;
  sem_getvalue(&items, &left);
  check("semaphore hands over every post", sem_received == 100 && left == 0, "");
  check("sem_trywait on zero fails with EAGAIN", sem_trywait(&items) == -1 && errno == EAGAIN, "");

  /* raw clone + futex */
  static char raw_stack[64 * 1024] __attribute__((aligned(16)));
  static int ptid, ctid;
  void* tls = (void*)__builtin_thread_pointer();
  long child = raw_clone_start(CLONE_THREAD_FLAGS, raw_stack + sizeof raw_stack, &ptid, tls, &ctid, raw_child, NULL);
  while (!raw_flag) syscall(SYS_futex, &raw_flag, FUTEX_WAIT, 0, NULL, NULL, 0);
  while (ctid != 0) syscall(SYS_futex, &ctid, FUTEX_WAIT, ctid, NULL, NULL, 0);
  snprintf(detail, sizeof detail, "clone=%ld ptid=%d seen=%d", child, ptid, raw_child_tid_seen);
  check("raw clone thread runs and its exit clears the child tid", child > 0 && ptid == child
        && raw_child_tid_seen == child, detail);
  int word = 5;
  check("futex wait with a changed value is EAGAIN", syscall(SYS_futex, &word, FUTEX_WAIT, 4, NULL, NULL, 0) == -1
        && errno == EAGAIN, "");
  struct timespec rel = {0, 10 * 1000000};
  check("futex wait times out", syscall(SYS_futex, &word, FUTEX_WAIT, 5, &rel, NULL, 0) == -1 && errno == ETIMEDOUT, "");

  /* one thread spins forever; another finishes the work; returning from main ends the process anyway */
  pthread_t spinner, worker;
  pthread_create(&spinner, NULL, spin_forever, NULL);
  pthread_create(&worker, NULL, finish_work, NULL);
  void* work;
  pthread_join(worker, &work);
  check("a spinning thread does not starve the others", (long)work == 599997 && spinner_started, "");

  printf("threads failures=%d\n", failures);
  return failures;
}

