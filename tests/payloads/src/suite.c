/* Checks libc, raw syscalls and the guest file system from inside the guest: one line per check, exit = failures. */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/system_properties.h>
#include <time.h>
#include <unistd.h>

static int failures;
/* Pointers in data need relative relocations; stderr is a data import (GLOB_DAT): both are what the packed
   relocation formats (RELR, APS2) carry. */
static const char* kWords[] = {"zero", "one", "two", "three"};
static volatile int word_index = 2;

static void check(const char* name, int ok, const char* detail) {
  if (ok) printf("ok %s\n", name);
  else { printf("FAIL %s: %s\n", name, detail); failures++; }
}

static int compare_ints(const void* a, const void* b) {
  int x = *(const int*)a, y = *(const int*)b;
  return (x > y) - (x < y);
}

struct phdr_search { int seen_self; int seen_libc; int program_headers_ok; };

static int visit_object(struct dl_phdr_info* info, size_t size, void* data) {
  struct phdr_search* search = data;
  if (strstr(info->dlpi_name, "/libsuite")) {
    search->seen_self = 1;
    /* The first program header of a NDK library is PT_PHDR (6) or PT_LOAD (1). */
    const uint32_t* first = info->dlpi_phdr;
    search->program_headers_ok = size >= 40 && info->dlpi_phnum > 2 && first != NULL && (*first == 6 || *first == 1);
  }
  if (strstr(info->dlpi_name, "libc.so")) search->seen_libc = 1;
  return 0;
}

static int contains(const char* hay, const char* needle) { return strstr(hay, needle) != NULL; }

int AVmPayload_main(void) {
  char buf[4096];

  /* Raw syscalls, as payload code may make them without libc. */
  check("syscall getpid", syscall(SYS_getpid) == getpid(), "differs from getpid()");
  long w = syscall(SYS_write, 1, "raw write\n", 10);
  check("syscall write", w == 10, "short write");
  unsigned char rnd[32] = {0};
  check("syscall getrandom", syscall(SYS_getrandom, rnd, sizeof(rnd), 0) == 32, "wrong count");
  int nonzero = 0;
  for (int i = 0; i < 32; i++) nonzero |= rnd[i];
  check("getrandom fills", nonzero != 0, "all zero");
  check("syscall unknown is ENOSYS", syscall(9999) == -1 && errno == 38, "not ENOSYS");
  struct timespec ts = {0, 0};
  check("clock_gettime", clock_gettime(CLOCK_REALTIME, &ts) == 0 && ts.tv_sec > 1600000000, "bad time");

  /* Files: scratch area is writable, the APK is read-only, confinement holds. */
  int fd = open("/data/local/tmp/suite.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
  check("open scratch", fd >= 3, strerror(errno));
  check("write scratch", write(fd, "line one\nline two\n", 18) == 18, strerror(errno));
  close(fd);
  FILE* f = fopen("/data/local/tmp/suite.txt", "r");
  char line[64] = "";
  fgets(line, sizeof(line), f);
  fgets(line, sizeof(line), f);
  fclose(f);
  check("read back", strcmp(line, "line two\n") == 0, line);
  fd = open("/data/local/tmp/suite.txt", O_RDONLY);
  check("lseek end", lseek(fd, 0, 2) == 18, "size");
  close(fd);
  check("unlink", unlink("/data/local/tmp/suite.txt") == 0, strerror(errno));
  check("apk is read-only", open("/mnt/apk/assets/greeting.txt", O_WRONLY) == -1 && errno == 30, "not EROFS");
  check("no escape via ..", open("/mnt/apk/../../../../etc/passwd", O_RDONLY) == -1 && errno == ENOENT, "opened");
  fd = open("/dev/zero", O_RDONLY);
  memset(buf, 1, 16);
  check("dev zero", read(fd, buf, 16) == 16 && buf[0] == 0 && buf[15] == 0, "not zero");
  close(fd);

  /* /proc/self/maps lists the real mappings, this library by its APK path. */
  fd = open("/proc/self/maps", O_RDONLY);
  long n = read(fd, buf, sizeof(buf) - 1);
  buf[n > 0 ? n : 0] = 0;
  close(fd);
  check("proc maps", contains(buf, "/mnt/apk/lib/arm64-v8a/libsuite") && contains(buf, "[stack]"), buf);

  /* Heap, conversions, environment, properties, formatting. */
  char* p = malloc(10);
  strcpy(p, "heap");
  p = realloc(p, 100000);
  check("realloc keeps data", strcmp(p, "heap") == 0, p);
  free(p);
  char* end;
  check("strtol", strtol("  -0x1F rest", &end, 0) == -31 && strcmp(end, " rest") == 0, end);
  check("getenv", getenv("PATH") != NULL && strcmp(getenv("PATH"), "/system/bin") == 0, "PATH");
  char value[PROP_VALUE_MAX];
  check("property", __system_property_get("ro.build.version.sdk", value) == 2 && strcmp(value, "34") == 0, value);
  snprintf(buf, sizeof(buf), "%5.2f|%-4s|%04x|%lld", 2.675, "ab", 255, -9000000000LL);
  check("snprintf", strcmp(buf, " 2.67|ab  |00ff|-9000000000") == 0, buf);

  /* qsort calls back into guest code for every comparison. */
  int numbers[] = {42, -7, 19, 0, 3, 3, 100, -50};
  qsort(numbers, 8, sizeof(int), compare_ints);
  snprintf(buf, sizeof(buf), "%d %d %d %d %d %d %d %d", numbers[0], numbers[1], numbers[2], numbers[3], numbers[4],
           numbers[5], numbers[6], numbers[7]);
  check("qsort with guest comparator", strcmp(buf, "-50 -7 0 3 3 19 42 100") == 0, buf);

  struct phdr_search search = {0, 0, 0};
  dl_iterate_phdr(visit_object, &search);
  check("dl_iterate_phdr", search.seen_self && search.seen_libc && search.program_headers_ok, "objects missing");

  /* The dynamic linker at run time. */
  void* libm = dlopen("libm.so", RTLD_NOW);
  double (*cosine)(double) = (double (*)(double))dlsym(libm, "cos");
  check("dlopen+dlsym", cosine != NULL && cosine(0.0) == 1.0, "cos");
  check("dlsym missing", dlsym(RTLD_DEFAULT, "no_such_symbol") == NULL && dlerror() != NULL, "found");

  kWords[0] = "ZERO"; /* written at run time, so the table stays a real table of pointers */
  check("relocated pointer table", strcmp(kWords[word_index], "two") == 0 && strcmp(kWords[3], "three") == 0, "table");
  check("stderr data import", fprintf(stderr, "to stderr\n") == 10, "fprintf(stderr)");
  printf("suite failures=%d\n", failures);
  return failures;
}
