/* Emulated TLS (-femulated-tls, as older NDK payloads were built): the compiler turns every __thread access into a
   call to __emutls_get_address, which lives in the payload itself (compiler-rt's emutls) and keeps each thread's
   copies under a pthread key. compiler-rt for aarch64-android is not installed here, so this file carries its own
   __emutls_get_address with compiler-rt's control-block contract (size, align, index, template). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct emutls_control {
  unsigned long size, align;
  union { unsigned long index; void* address; } object;
  void* templ;
};

#define EMUTLS_SLOTS 64
static pthread_key_t emutls_key;
static pthread_once_t emutls_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t emutls_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned long emutls_next_index;
static int emutls_destroyed;

static void emutls_destroy(void* array) {
  void** slots = array;
  for (int i = 0; i < EMUTLS_SLOTS; i++) free(slots[i]);
  free(slots);
  __atomic_add_fetch(&emutls_destroyed, 1, __ATOMIC_SEQ_CST);
}

static void emutls_init(void) { pthread_key_create(&emutls_key, emutls_destroy); }

void* __emutls_get_address(struct emutls_control* control) {
  pthread_once(&emutls_once, emutls_init);
  unsigned long index = __atomic_load_n(&control->object.index, __ATOMIC_ACQUIRE);
  if (index == 0) {
    pthread_mutex_lock(&emutls_lock);
    index = control->object.index;
    if (index == 0) {
      index = ++emutls_next_index;
      __atomic_store_n(&control->object.index, index, __ATOMIC_RELEASE);
    }
    pthread_mutex_unlock(&emutls_lock);
  }
  void** slots = pthread_getspecific(emutls_key);
  if (slots == NULL) {
    slots = calloc(EMUTLS_SLOTS, sizeof(void*));
    pthread_setspecific(emutls_key, slots);
  }
  if (slots[index - 1] == NULL) {
    void* object;
    if (posix_memalign(&object, control->align < sizeof(void*) ? sizeof(void*) : control->align, control->size)) abort();
    if (control->templ) memcpy(object, control->templ, control->size);
    else memset(object, 0, control->size);
    slots[index - 1] = object;
  }
  return slots[index - 1];
}

static int failures;

static void check(const char* name, int ok, const char* detail) {
  if (ok) printf("ok %s\n", name);
  else { printf("FAIL %s: %s\n", name, detail); failures++; }
}

static __thread int emu_counter = 17;
static __thread long emu_zero[8];

#define THREADS 3
static int starts[THREADS], ends[THREADS], zero_ok[THREADS];
static void* addresses[THREADS];

static void* worker(void* arg) {
  long i = (long)arg;
  starts[i] = emu_counter;
  int z = 1;
  for (int k = 0; k < 8; k++) z &= emu_zero[k] == 0;
  zero_ok[i] = z;
  for (int k = 0; k < 100; k++) emu_counter += (int)i + 1;
  emu_zero[3] = i + 1;
  ends[i] = emu_counter;
  addresses[i] = &emu_counter;
  return NULL;
}

int AVmPayload_main(void) {
  char detail[120];
  snprintf(detail, sizeof detail, "counter=%d", emu_counter);
  check("emulated TLS variable starts with its initial value", emu_counter == 17, detail);
  emu_counter = 5;
  pthread_t t[THREADS];
  for (long i = 0; i < THREADS; i++) pthread_create(&t[i], NULL, worker, (void*)i);
  for (int i = 0; i < THREADS; i++) pthread_join(t[i], NULL);
  int ok = 1;
  for (int i = 0; i < THREADS; i++) {
    ok &= starts[i] == 17 && ends[i] == 17 + 100 * (i + 1) && zero_ok[i];
    ok &= addresses[i] != &emu_counter;
  }
  snprintf(detail, sizeof detail, "ends %d %d %d", ends[0], ends[1], ends[2]);
  check("each thread has its own emulated copy", ok, detail);
  check("the main thread's emulated copy is untouched", emu_counter == 5 && emu_zero[3] == 0, "");
  snprintf(detail, sizeof detail, "destroyed=%d", emutls_destroyed);
  check("per-thread emulated storage is freed by the key destructor", emutls_destroyed == THREADS, detail);
  printf("emutls failures=%d\n", failures);
  return failures;
}
