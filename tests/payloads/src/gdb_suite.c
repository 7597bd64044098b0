/*
 * The payload the GDB server tests debug (built with -g -O0): a call into a DT_NEEDED library, a global written
 * on a known line, named threads waiting while the main thread stops, and a crash a debugger can ask for.
 */
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

int dep_scale(int value);

int gdb_counter;
volatile int crash_requested;
static sem_t started, release;

static void* worker(void* arg) {
  char name[16];
  snprintf(name, sizeof name, "worker-%ld", (long)arg);
  pthread_setname_np(pthread_self(), name);
  sem_post(&started);
  sem_wait(&release);
  return 0;
}

void threads_ready(void) {
  gdb_counter += 100;
}

static int run_work(int rounds) {
  int total = 0;
  for (int i = 0; i < rounds; i++) {
    int scaled = dep_scale(i);
    total += scaled;
    gdb_counter = total;
  }
  return total;
}

static void crash_if_requested(void) {
  if (crash_requested) {
    volatile int* nowhere = (volatile int*)0;
    *nowhere = 1;
  }
}

int AVmPayload_main(void) {
  int total = run_work(4);
  pthread_t threads[2];
  sem_init(&started, 0, 0);
  sem_init(&release, 0, 0);
  for (long i = 0; i < 2; i++) pthread_create(&threads[i], 0, worker, (void*)(i + 1));
  for (int i = 0; i < 2; i++) sem_wait(&started);
  threads_ready();
  for (int i = 0; i < 2; i++) sem_post(&release);
  for (int i = 0; i < 2; i++) pthread_join(threads[i], 0);
  crash_if_requested();
  printf("gdb_suite total %d counter %d\n", total, gdb_counter);
  return 0;
}
