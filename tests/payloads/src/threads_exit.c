/* exit() from a worker thread ends the whole process, running atexit handlers, while main waits in a join. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
int usleep(unsigned int usec);

static void last_words(void) { printf("atexit handler ran on exit from a worker\n"); }

static void* worker(void* arg) {
  usleep(5000);
  exit(7);
}

int AVmPayload_main(void) {
  atexit(last_words);
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_join(t, NULL);
  printf("main thread must not get here\n");
  return 1;
}
