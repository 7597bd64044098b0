/*
 * Workloads whose cost used to explode with their size (issue 16, "Costs that explode"), one per library name: the
 * APK carries this library as libcost_<kind>_<n>.so, and the payload finds its kind and size in its own file name.
 * Each prints what it did and the guest's own time for it ("cost: <kind> n=<n> ... ms=<t>"); the outcome, not the
 * time, is what the tests check.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/vm_sockets.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

const char* AVmPayload_getEncryptedStoragePath(void);

typedef struct { const char* dli_fname; void* dli_fbase; const char* dli_sname; void* dli_saddr; } Dl_info;
int dladdr(const void* address, Dl_info* info);
int AVmPayload_main(void);

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t started = PTHREAD_COND_INITIALIZER, go = PTHREAD_COND_INITIALIZER;
static long waiting, released;

static void* blocked_thread(void* arg) {
  pthread_mutex_lock(&lock);
  waiting++;
  pthread_cond_signal(&started);
  while (!released) pthread_cond_wait(&go, &lock);
  pthread_mutex_unlock(&lock);
  return arg;
}

/* n threads, each blocked on a condition variable until all exist; then all are released and joined. */
static int blocked_threads(long n) {
  pthread_t* t = calloc(n, sizeof *t);
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 64 * 1024);
  double t0 = now_ms();
  long created = 0;
  for (long i = 0; i < n; i++) {
    int e = pthread_create(&t[i], &attr, blocked_thread, (void*) i);
    if (e != 0) { printf("cost: threads pthread_create %ld failed: %s\n", i, strerror(e)); break; }
    created++;
  }
  pthread_mutex_lock(&lock);
  while (waiting < created) pthread_cond_wait(&started, &lock);
  double t1 = now_ms();
  released = 1;
  pthread_cond_broadcast(&go);
  pthread_mutex_unlock(&lock);
  long joined = 0;
  for (long i = 0; i < created; i++) {
    void* r;
    if (pthread_join(t[i], &r) == 0 && (long) r == i) joined++;
  }
  printf("cost: threads n=%ld created=%ld blocked=%ld joined=%ld create_ms=%.1f ms=%.1f\n", n, created, waiting, joined,
         t1 - t0, now_ms() - t0);
  return joined == n ? 0 : 1;
}

/* n one-page anonymous mappings, each written and read back, then all unmapped. */
static int small_mmaps(long n) {
  char** p = calloc(n, sizeof *p);
  double t0 = now_ms();
  long mapped = 0, intact = 0, unmapped = 0;
  for (long i = 0; i < n; i++) {
    p[i] = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p[i] == MAP_FAILED) { printf("cost: mmaps mmap %ld failed: %s\n", i, strerror(errno)); break; }
    *(long*) p[i] = i;
    mapped++;
  }
  double t1 = now_ms();
  for (long i = 0; i < mapped; i++) intact += *(long*) p[i] == i;
  for (long i = 0; i < mapped; i++) unmapped += munmap(p[i], 4096) == 0;
  printf("cost: mmaps n=%ld mapped=%ld intact=%ld unmapped=%ld map_ms=%.1f ms=%.1f\n", n, mapped, intact, unmapped,
         t1 - t0, now_ms() - t0);
  return unmapped == n && intact == n ? 0 : 1;
}

/* A chain of n nested directories: created by mkdir+chdir, climbed back by chdir(".."), then removed. */
static int deep_directories(long n) {
  if (chdir("/data/local/tmp") != 0) return 2;
  struct stat top, back;
  stat(".", &top);
  double t0 = now_ms();
  long made = 0, climbed = 0, removed = 0;
  for (long i = 0; i < n; i++) {
    if (mkdir("d", 0700) != 0 || chdir("d") != 0) { printf("cost: dirs level %ld: %s\n", i, strerror(errno)); break; }
    made++;
  }
  double t1 = now_ms();
  for (long i = 0; i < made; i++) climbed += chdir("..") == 0;
  double t2 = now_ms();
  stat(".", &back);
  int same = back.st_ino == top.st_ino && back.st_dev == top.st_dev;
  /* Down again, then up removing each level (a path of 3000 levels is longer than PATH_MAX). */
  long down = 0;
  while (down < made && chdir("d") == 0) down++;
  for (long i = 0; i < down; i++) removed += chdir("..") == 0 && rmdir("d") == 0;
  printf("cost: dirs n=%ld made=%ld climbed=%ld back_at_top=%d removed=%ld create_ms=%.1f climb_ms=%.1f ms=%.1f\n", n, made,
         climbed, same, removed, t1 - t0, t2 - t1, now_ms() - t0);
  return made == n && climbed == n && same && removed == n ? 0 : 1;
}

/* n open descriptors (dup of one file), then exit without closing any: the exit closes them. */
static int open_fds_at_exit(long n) {
  struct rlimit r = {n + 64, n + 64};
  if (setrlimit(RLIMIT_NOFILE, &r) != 0) { printf("cost: fds setrlimit: %s\n", strerror(errno)); return 2; }
  int fd = open("/dev/null", O_RDONLY);
  double t0 = now_ms();
  long open_fds = fd >= 0;
  while (open_fds < n) {
    if (dup(fd) < 0) { printf("cost: fds dup after %ld: %s\n", open_fds, strerror(errno)); break; }
    open_fds++;
  }
  printf("cost: fds n=%ld open=%ld dup_ms=%.1f\n", n, open_fds, now_ms() - t0);
  fflush(stdout);
  _exit(open_fds == n ? 7 : 1);
}

/* Listens on vsock port n with a backlog of 2^30 and never accepts: the host connects as often as it likes. */
static int unaccepted_vsock(long port) {
  int s = socket(AF_VSOCK, SOCK_STREAM, 0);
  struct sockaddr_vm a;
  memset(&a, 0, sizeof a);
  a.svm_family = AF_VSOCK;
  a.svm_cid = VMADDR_CID_ANY;
  a.svm_port = (unsigned) port;
  if (s < 0 || bind(s, (struct sockaddr*) &a, sizeof a) != 0 || listen(s, 1 << 30) != 0) {
    printf("cost: vsock listen: %s\n", strerror(errno));
    return 2;
  }
  printf("cost: vsock listening on %ld\n", port);
  fflush(stdout);
  for (;;) sleep(1000);
}

static int compare_ints(const void* a, const void* b) {
  int x = *(const int*) a, y = *(const int*) b;
  return (x > y) - (x < y);
}

/*
 * qsort of n ints, descending at first; above 2^24 they are left as the zeros mmap gave (filling 2 GiB would take
 * the emulated CPU longer than the sort's own start): with 2^29 of them this runs until the VM is stopped.
 */
static int big_qsort(long n) {
  int* a = mmap(NULL, (size_t) n * sizeof(int), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (a == MAP_FAILED) { printf("cost: qsort n=%ld mmap: %s\n", n, strerror(errno)); return 3; }
  if (n <= (1L << 24)) for (long i = 0; i < n; i++) a[i] = (int) (n - i);
  printf("cost: qsort n=%ld sorting\n", n);
  fflush(stdout);
  double t0 = now_ms();
  qsort(a, n, sizeof(int), compare_ints);
  long sorted = 1;
  for (long i = 1; i < n; i++) sorted &= a[i - 1] <= a[i];
  printf("cost: qsort n=%ld sorted=%ld ms=%.1f\n", n, sorted, now_ms() - t0);
  return sorted ? 0 : 1;
}

/* n MiB written to one file in 4 KiB writes (to the encrypted store when the VM has one), then read back. */
static int big_file(long n) {
  const char* store = AVmPayload_getEncryptedStoragePath();
  char path[256];
  snprintf(path, sizeof path, "%s/cost-file", store != NULL ? store : "/data/local/tmp");
  int fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0600);
  if (fd < 0) { printf("cost: files n=%ld open %s: %s\n", n, path, strerror(errno)); return 3; }
  static unsigned char block[4096];
  double t0 = now_ms();
  long written = 0, blocks = n * 256;
  for (long i = 0; i < blocks; i++) {
    memset(block, (int) (i & 0xff), 8);
    ssize_t w = write(fd, block, sizeof block);
    if (w != (ssize_t) sizeof block) { printf("cost: files n=%ld write %ld: %s\n", n, i, strerror(errno)); break; }
    written += w;
  }
  double write_ms = now_ms() - t0;
  struct stat st;
  fstat(fd, &st);
  long checked = 0;
  for (long i = 0; i < blocks; i += blocks / 16 + 1) {
    unsigned char b[8];
    if (pread(fd, b, sizeof b, i * 4096L) == (ssize_t) sizeof b && b[0] == (unsigned char) (i & 0xff) && b[7] == b[0]) {
      checked++;
    }
  }
  close(fd);
  unlink(path);
  printf("cost: files n=%ld written=%ld size=%ld checked=%ld write_ms=%.1f ms=%.1f\n", n, written, (long) st.st_size,
         checked, write_ms, now_ms() - t0);
  return written == n << 20 && st.st_size == written ? 0 : 1;
}

int AVmPayload_main(void) {
  Dl_info info;
  if (!dladdr((void*) AVmPayload_main, &info) || info.dli_fname == NULL) return 99;
  const char* name = strstr(info.dli_fname, "libcost_");
  if (name == NULL) return 98;
  name += strlen("libcost_");
  const char* size = strrchr(name, '_');
  if (size == NULL) return 97;
  long n = strtol(size + 1, NULL, 10);
  size_t kind = (size_t) (size - name);
  if (kind == 7 && !strncmp(name, "threads", kind)) return blocked_threads(n);
  if (kind == 5 && !strncmp(name, "mmaps", kind)) return small_mmaps(n);
  if (kind == 4 && !strncmp(name, "dirs", kind)) return deep_directories(n);
  if (kind == 3 && !strncmp(name, "fds", kind)) return open_fds_at_exit(n);
  if (kind == 5 && !strncmp(name, "vsock", kind)) return unaccepted_vsock(n);
  if (kind == 5 && !strncmp(name, "qsort", kind)) return big_qsort(n);
  if (kind == 5 && !strncmp(name, "files", kind)) return big_file(n);
  return 96;
}
