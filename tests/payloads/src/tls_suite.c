/* Thread-local storage checked from inside the guest: __thread and _Thread_local variables of the payload, of a
   library it needs (static TLS) and of one it dlopens later (dynamic TLS), in the main thread and in pthreads. */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static int failures;

static void check(const char* name, int ok, const char* detail) {
  if (ok) printf("ok %s\n", name);
  else { printf("FAIL %s: %s\n", name, detail); failures++; }
}

static __thread int counter = 42;
static _Thread_local long zeroed[16];
static __thread char label[24] = "initial label";
static __thread double aligned_value __attribute__((aligned(64))) = 2.5;
__thread int exported_tls = -5;

extern __thread int dep_counter;
extern __thread int dep_ie_value __attribute__((tls_model("initial-exec")));
extern __thread char dep_buffer[32];
int tls_dep_bump(void);
int* tls_dep_counter_address(void);
int* tls_dep_ie_address(void);
char* tls_dep_big(void);

typedef long (*late_get_fn)(void);
typedef void (*late_set_fn)(long);
typedef long* (*late_address_fn)(void);
static late_get_fn late_get, late_zero_sum;
static late_set_fn late_set, late_fill_zero;
static late_address_fn late_address;

#define THREADS 4
struct result {
  int counter_start, zero_ok, label_ok, aligned_ok, dep_start, dep_same_address, ie_matches;
  int counter_end, dep_end;
  void* counter_address;
  long late_start, late_end, late_zero;
  long* late_addr;
  int late_dlsym_ok, big_ok;
};
static int* main_late_exported;
static struct result results[THREADS];
static pthread_barrier_t after_dlopen;

static void* worker(void* arg) {
  long i = (long)arg;
  struct result* r = &results[i];
  r->counter_start = counter;
  int zero = 1;
  for (int k = 0; k < 16; k++) zero &= zeroed[k] == 0;
  r->zero_ok = zero;
  r->label_ok = strcmp(label, "initial label") == 0;
  r->aligned_ok = aligned_value == 2.5 && ((unsigned long)&aligned_value & 63) == 0;
  r->dep_start = dep_counter;
  r->dep_same_address = tls_dep_counter_address() == &dep_counter;
  char* big = tls_dep_big();
  int big_zero = 1;
  for (int k = 0; k < 12288; k += 97) big_zero &= big[k] == 0;
  memset(big, (int)i + 1, 12288);
  r->big_ok = big_zero;
  for (int k = 0; k < 1000; k++) counter += (int)i + 1;
  for (int k = 0; k < 10; k++) tls_dep_bump();
  snprintf(label, sizeof label, "thread %ld", i);
  for (int k = 0; k < 16; k++) zeroed[k] = i;
  r->counter_address = &counter;
  pthread_barrier_wait(&after_dlopen); /* threads 0 and 1 were created before the dlopen */
  r->late_start = late_get();
  r->late_zero = late_zero_sum();
  late_set(1000 + i);
  late_fill_zero(i);
  r->late_addr = late_address();
  int* exported = dlsym(RTLD_DEFAULT, "late_exported");
  r->late_dlsym_ok = exported != NULL && *exported == 99 && exported != main_late_exported;
  pthread_barrier_wait(&after_dlopen); /* everyone has written its late value */
  r->late_end = late_get();
  r->ie_matches = &dep_ie_value == tls_dep_ie_address() && dep_ie_value == 11;
  r->counter_end = counter;
  r->dep_end = dep_counter;
  r->big_ok &= tls_dep_big()[12287] == (char)(i + 1) && tls_dep_big()[0] == (char)(i + 1);
  return NULL;
}

int AVmPayload_main(void) {
  char detail[160];
  snprintf(detail, sizeof detail, "counter=%d", counter);
  check("initialised __thread variable has its initial value in the main thread", counter == 42, detail);
  int zero = 1;
  for (int k = 0; k < 16; k++) zero &= zeroed[k] == 0;
  check("_Thread_local array starts zeroed", zero, "");
  check("initialised __thread array holds its string", strcmp(label, "initial label") == 0, label);
  snprintf(detail, sizeof detail, "value=%g address=%p", aligned_value, (void*)&aligned_value);
  check("64-byte aligned TLS variable is aligned and initialised",
        aligned_value == 2.5 && ((unsigned long)&aligned_value & 63) == 0, detail);
  check("exported TLS variable initialised", exported_tls == -5, "");
  snprintf(detail, sizeof detail, "dep_counter=%d", dep_counter);
  check("TLS variable of a DT_NEEDED library seen through TLSDESC", dep_counter == 7, detail);
  check("the library and the payload agree on its address", tls_dep_counter_address() == &dep_counter, "");
  check("initial-exec access reaches the library's variable", &dep_ie_value == tls_dep_ie_address() && dep_ie_value == 11, "");
  check("library's zero TLS buffer starts empty", dep_buffer[0] == 0 && dep_buffer[31] == 0, "");
  char* big = tls_dep_big();
  int big_zero = 1;
  for (int k = 0; k < 12288; k++) big_zero &= big[k] == 0;
  check("a TLS block larger than a page is zeroed in the main thread", big_zero, "");
  memset(big, 0x5a, 12288);
  counter = 1;
  tls_dep_bump();

  pthread_barrier_init(&after_dlopen, NULL, THREADS + 1);
  pthread_t t[THREADS];
  for (long i = 0; i < 2; i++) pthread_create(&t[i], NULL, worker, (void*)i);

  void* late = dlopen("libtls_late.so", RTLD_NOW | RTLD_GLOBAL); /* RTLD_DEFAULT finds late_exported */
  snprintf(detail, sizeof detail, "%s", late ? "" : dlerror());
  check("dlopen of a library with TLS", late != NULL, detail);
  if (!late) return 1;
  late_get = (late_get_fn)dlsym(late, "tls_late_get");
  late_set = (late_set_fn)dlsym(late, "tls_late_set");
  late_address = (late_address_fn)dlsym(late, "tls_late_address");
  late_zero_sum = (late_get_fn)dlsym(late, "tls_late_zero_sum");
  late_fill_zero = (late_set_fn)dlsym(late, "tls_late_fill_zero");
  main_late_exported = dlsym(late, "late_exported");
  snprintf(detail, sizeof detail, "%p", (void*)main_late_exported);
  check("dlsym of a TLS variable gives the calling thread's copy", main_late_exported != NULL
        && *main_late_exported == 99, detail);
  *main_late_exported = 5;
  for (long i = 2; i < THREADS; i++) pthread_create(&t[i], NULL, worker, (void*)i);

  snprintf(detail, sizeof detail, "late=%ld", late_get());
  check("dlopened library's TLS variable has its initial value in the main thread", late_get() == 1234, detail);
  late_set(-1);
  pthread_barrier_wait(&after_dlopen);
  pthread_barrier_wait(&after_dlopen);
  for (int i = 0; i < THREADS; i++) pthread_join(t[i], NULL);

  int starts = 1, ends = 1, zeros = 1, labels = 1, aligned = 1, deps = 1, distinct = 1, lates = 1, ie = 1;
  for (int i = 0; i < THREADS; i++) {
    struct result* r = &results[i];
    starts &= r->counter_start == 42;
    ends &= r->counter_end == 42 + 1000 * (i + 1);
    zeros &= r->zero_ok;
    labels &= r->label_ok;
    aligned &= r->aligned_ok;
    deps &= r->big_ok && r->dep_start == 7 && r->dep_end == 17 && r->dep_same_address;
    ie &= r->ie_matches;
    lates &= r->late_dlsym_ok && r->late_start == 1234 && r->late_end == 1000 + i && r->late_zero == 0;
    for (int j = 0; j < i; j++) {
      distinct &= r->counter_address != results[j].counter_address && r->late_addr != results[j].late_addr;
    }
  }
  snprintf(detail, sizeof detail, "starts %d,%d,%d,%d", results[0].counter_start, results[1].counter_start,
           results[2].counter_start, results[3].counter_start);
  check("every thread starts with the initial values", starts && labels && aligned, detail);
  check("every thread starts with zeroed .tbss", zeros, "");
  snprintf(detail, sizeof detail, "ends %d,%d,%d,%d", results[0].counter_end, results[1].counter_end,
           results[2].counter_end, results[3].counter_end);
  check("every thread keeps its own copy", ends && distinct, detail);
  check("a needed library's TLS is per thread", deps && ie, "");
  snprintf(detail, sizeof detail, "late %ld/%ld %ld/%ld %ld/%ld %ld/%ld", results[0].late_start, results[0].late_end,
           results[1].late_start, results[1].late_end, results[2].late_start, results[2].late_end,
           results[3].late_start, results[3].late_end);
  check("dlopened TLS is per thread, also for threads created before the dlopen", lates, detail);
  snprintf(detail, sizeof detail, "counter=%d dep=%d late=%ld", counter, dep_counter, late_get());
  check("the main thread's copies are untouched by the workers",
        counter == 1 && dep_counter == 8 && big[0] == 0x5a && big[12287] == 0x5a && late_get() == -1 && strcmp(label, "initial label") == 0, detail);
  printf("tls failures=%d\n", failures);
  return failures;
}
