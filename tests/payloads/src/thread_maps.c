/*
 * A thread's mapping as /proc/self/maps shows it: the read-write range holding the thread's stack is named
 * [anon:stack_and_tls:TID] (bionic names it in __pthread_start) and has a PROT_NONE guard on each side (the stack
 * guard below, one page above the thread's TLS). Threads created one after another may reuse an ended thread's
 * mapping: each must still start with its own name, a fresh errno and its __thread variables initialised. A thread
 * on a caller-supplied stack runs with its TLS in a mapping of its own. Prints one line per check.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int AVmPayload_main(void);

static __thread int counter = 5;

struct line {
  unsigned long start, end;
  char perms[5];
  char name[96];
};

static int parse(const char* text, struct line* l) {
  int used = 0;
  l->name[0] = 0;
  if (sscanf(text, "%lx-%lx %4s %*s %*s %*s%n", &l->start, &l->end, l->perms, &used) < 3) return 0;
  const char* n = text + used;
  while (*n == ' ') n++;
  size_t len = strcspn(n, "\n");
  if (len >= sizeof l->name) len = sizeof l->name - 1;
  memcpy(l->name, n, len);
  l->name[len] = 0;
  return 1;
}

/* The maps lines before, at and after the mapping holding address; 0 if not found. */
static int around(unsigned long address, struct line* below, struct line* at, struct line* above) {
  FILE* f = fopen("/proc/self/maps", "r");
  if (f == NULL) return 0;
  char text[256];
  struct line previous = {0}, current;
  int found = 0;
  while (fgets(text, sizeof text, f) != NULL) {
    if (!parse(text, &current)) continue;
    if (found) {
      *above = current;
      found = 2;
      break;
    }
    if (address >= current.start && address < current.end) {
      *below = previous;
      *at = current;
      found = 1;
    }
    previous = current;
  }
  fclose(f);
  return found == 2;
}

static void* inspect(void* arg) {
  int local = 0;
  struct line below, at, above;
  int first_counter = counter;
  counter++;
  int first_errno = errno;
  errno = ERANGE;
  if (!around((unsigned long) &local, &below, &at, &above)) {
    printf("thread %ld: stack not found in maps\n", (long) arg);
    return NULL;
  }
  char expected[64];
  snprintf(expected, sizeof expected, "[anon:stack_and_tls:%d]", gettid());
  pthread_attr_t attr;
  void* stack = NULL;
  size_t size = 0, guard = 0;
  pthread_getattr_np(pthread_self(), &attr);
  pthread_attr_getstack(&attr, &stack, &size);
  pthread_attr_getguardsize(&attr, &guard);
  int stack_in_mapping = (unsigned long) stack == at.start && (unsigned long) stack + size <= at.end;
  printf("thread %ld: %s named=%d guard_below=%s%s adjacent=%d guard_above=%s%s adjacent=%d stack_in_mapping=%d"
         " guard=%zu counter=%d errno=%d\n", (long) arg, at.perms, strcmp(at.name, expected) == 0, below.perms,
         below.name[0] ? "(named)" : "", below.end == at.start && below.end - below.start >= guard, above.perms,
         above.name[0] ? "(named)" : "", above.start == at.end, stack_in_mapping, guard, first_counter, first_errno);
  return NULL;
}

static void* on_own_stack(void* arg) {
  int local = 0;
  struct line below, at, above;
  int first_counter = counter;
  int in_buffer = (char*) &local >= (char*) arg && (char*) &local < (char*) arg + 65536;
  int found = around((unsigned long) &counter, &below, &at, &above);
  char expected[64];
  snprintf(expected, sizeof expected, "[anon:stack_and_tls:%d]", gettid());
  printf("own stack: sp_in_buffer=%d tls %s named=%d guard_below=%s guard_above=%s counter=%d\n", in_buffer,
         found ? at.perms : "?", found && strcmp(at.name, expected) == 0, found ? below.perms : "?",
         found ? above.perms : "?", first_counter);
  return NULL;
}

int AVmPayload_main(void) {
  for (long i = 1; i <= 3; i++) {
    pthread_t t;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 128 * 1024);
    if (pthread_create(&t, &attr, inspect, (void*) i) != 0 || pthread_join(t, NULL) != 0) {
      printf("thread %ld: pthread_create or join failed\n", i);
    }
  }
  void* buffer = malloc(65536);
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstack(&attr, buffer, 65536);
  pthread_t t;
  if (pthread_create(&t, &attr, on_own_stack, buffer) != 0 || pthread_join(t, NULL) != 0) {
    printf("own stack: pthread_create or join failed\n");
  }
  free(buffer);
  return 0;
}
