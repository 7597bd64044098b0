/*
 * A deliberately racy payload: worker threads increment one counter without a lock, with computation and the odd
 * yield or short sleep between reading it and writing it back, so updates get lost and the final count depends on
 * how the threads interleaved. It also prints clock readings, random bytes, the stack canary, tids and addresses:
 * in mdemu's deterministic mode every byte it prints (and logs) is the same on every run with the same seed.
 */
#include <android/log.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define WORKERS 4
#define ROUNDS 150
int usleep(unsigned int usec);
extern uintptr_t __stack_chk_guard;

static volatile long counter;
static volatile int finished[WORKERS];
static volatile int finishedCount;

static long nanos(int clock) {
  struct timespec ts;
  clock_gettime(clock, &ts);
  return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

static void hex(const char* what, const unsigned char* b, int n) {
  printf("%s ", what);
  for (int i = 0; i < n; i++) printf("%02x", b[i]);
  printf("\n");
}

static void* worker(void* arg) {
  int id = (int) (long) arg;
  long start = nanos(CLOCK_MONOTONIC);
  for (int i = 0; i < ROUNDS; i++) {
    long v = counter;
    volatile long sink = 0;
    for (int j = 0; j < ((i * 7 + id * 13) % 50) * 40; j++) sink += j ^ v;
    if ((i + id) % 5 == 0) sched_yield();
    if (i % 50 == 49) usleep(100 + id * 10);
    counter = v + 1;
  }
  long end = nanos(CLOCK_MONOTONIC);
  unsigned char r[4];
  syscall(SYS_getrandom, r, sizeof r, 0);
  printf("worker %d tid %d ran %ld ns from %ld, random %02x%02x%02x%02x\n", id, gettid(), end - start, start,
         r[0], r[1], r[2], r[3]);
  __android_log_print(ANDROID_LOG_INFO, "racy", "worker %d done at %ld", id, end);
  finished[finishedCount++] = id;
  return NULL;
}

int AVmPayload_main(void) {
  printf("realtime %ld monotonic %ld\n", nanos(CLOCK_REALTIME), nanos(CLOCK_MONOTONIC));
  struct timeval tv;
  gettimeofday(&tv, NULL);
  printf("gettimeofday %ld.%06ld time %ld\n", (long) tv.tv_sec, (long) tv.tv_usec, (long) time(NULL));
  unsigned char b[16];
  syscall(SYS_getrandom, b, sizeof b, 0);
  hex("getrandom", b, sizeof b);
  int fd = open("/dev/urandom", O_RDONLY);
  read(fd, b, sizeof b);
  close(fd);
  hex("urandom", b, sizeof b);
  arc4random_buf(b, sizeof b);
  hex("arc4random", b, sizeof b);
  printf("canary %lx\n", (unsigned long) __stack_chk_guard);
  void* block = malloc(64);
  printf("addresses counter %p heap %p\n", (void*) &counter, block);
  free(block);

  pthread_t t[WORKERS];
  for (int i = 0; i < WORKERS; i++) pthread_create(&t[i], NULL, worker, (void*) (long) i);
  for (int i = 0; i < WORKERS; i++) pthread_join(t[i], NULL);
  printf("finish order");
  for (int i = 0; i < finishedCount; i++) printf(" %d", finished[i]);
  printf("\ncount %ld of %d\n", counter, WORKERS * ROUNDS);
  __android_log_print(ANDROID_LOG_INFO, "racy", "count %ld at %ld", counter, nanos(CLOCK_MONOTONIC));
  return 0;
}
