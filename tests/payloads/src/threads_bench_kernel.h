/* Thread benchmarks shared by the payload (bionic in mdemu) and the static Linux binary (glibc under qemu-aarch64):
   only pthreads and clock_gettime, so both run exactly the same code. Each prints "name value" lines. */
#include <pthread.h>
#include <time.h>

static long bench_now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

static pthread_mutex_t pp_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pp_cond = PTHREAD_COND_INITIALIZER;
static int pp_turn;
static long pp_rounds;

static void* pp_partner(void* arg) {
  for (long i = 0; i < pp_rounds; i++) {
    pthread_mutex_lock(&pp_lock);
    while (pp_turn != 1) pthread_cond_wait(&pp_cond, &pp_lock);
    pp_turn = 0;
    pthread_cond_signal(&pp_cond);
    pthread_mutex_unlock(&pp_lock);
  }
  return 0;
}

/* Two threads hand a token back and forth through one mutex and condition variable: 2 handoffs per round. */
static double bench_pingpong_handoffs_per_s(long rounds) {
  pthread_t t;
  pp_rounds = rounds;
  pp_turn = 0;
  pthread_create(&t, 0, pp_partner, 0);
  long start = bench_now_ns();
  for (long i = 0; i < rounds; i++) {
    pthread_mutex_lock(&pp_lock);
    while (pp_turn != 0) pthread_cond_wait(&pp_cond, &pp_lock);
    pp_turn = 1;
    pthread_cond_signal(&pp_cond);
    pthread_mutex_unlock(&pp_lock);
  }
  pthread_join(t, 0);
  long ns = bench_now_ns() - start;
  return 2.0 * rounds * 1e9 / ns;
}

static void* bench_nothing(void* arg) { return arg; }

static double bench_create_join_per_s(long count) {
  long start = bench_now_ns();
  for (long i = 0; i < count; i++) {
    pthread_t t;
    pthread_create(&t, 0, bench_nothing, 0);
    pthread_join(t, 0);
  }
  return count * 1e9 / (bench_now_ns() - start);
}

static void* bench_cpu_work(void* arg) {
  unsigned long n = (unsigned long)arg, h = 1469598103934665603UL;
  for (unsigned long i = 0; i < n; i++) {
    h ^= i;
    h *= 1099511628211UL;
    h ^= h >> 29;
  }
  return (void*)h;
}

/* The same total work split over four threads; returns wall milliseconds. */
static double bench_four_thread_job_ms(unsigned long iterations) {
  pthread_t t[4];
  long start = bench_now_ns();
  for (int i = 0; i < 4; i++) pthread_create(&t[i], 0, bench_cpu_work, (void*)(iterations / 4));
  unsigned long x = 0;
  for (int i = 0; i < 4; i++) { void* r; pthread_join(t[i], &r); x ^= (unsigned long)r; }
  double ms = (bench_now_ns() - start) / 1e6;
  return x == 42 ? -ms : ms; /* keep the work observable */
}

#define BENCH_PINGPONG_ROUNDS 20000
#define BENCH_CREATE_JOIN 500
#define BENCH_JOB_ITERATIONS 40000000UL
