/* A worker thread named "crasher" writes through a null pointer while main waits for it in a join. */
#include <pthread.h>
#include <stdio.h>

static void* crash(void* arg) {
  pthread_setname_np(pthread_self(), "crasher");
  printf("crasher about to fault\n");
  *(volatile int*)arg = 1;
  return NULL;
}

int AVmPayload_main(void) {
  pthread_t t;
  pthread_create(&t, NULL, crash, NULL);
  pthread_join(t, NULL);
  return 0;
}
