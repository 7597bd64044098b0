/* bionic's own libc behaviour, checked from inside the guest the way bionic's tests check it on a device: fdsan and
   fdtrack, system property serials and waits, the allocator's statistics and options, Android's passwd/group
   database, System V IPC answering ENOSYS, dlvsym and android_dlopen_ext, the platform's thread and stack helpers.
   One line per check; the exit code is the number of failures. */
#include <android/api-level.h>
#include <android/dlext.h>
#include <android/fdsan.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <ifaddrs.h>
#include <iconv.h>
#include <malloc.h>
#include <net/if.h>
#include <pthread.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/system_properties.h>
#include <sys/thread_properties.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int failures;

static void check(const char* name, int ok, const char* detail) {
  if (ok) printf("ok %s\n", name);
  else { printf("FAIL %s: %s\n", name, detail); failures++; }
}

static char scratch[256];

static const char* fmt(const char* f, ...) {
  va_list ap;
  va_start(ap, f);
  vsnprintf(scratch, sizeof(scratch), f, ap);
  va_end(ap);
  return scratch;
}

/* The platform-only declarations bionic exports (LIBC_PLATFORM / apex), as platform code declares them. */
struct android_fdtrack_event { int fd; uint8_t type; union { struct { const char* function_name; } create; } data; };
typedef void (*android_fdtrack_hook_t)(struct android_fdtrack_event*);
bool android_fdtrack_compare_exchange_hook(android_fdtrack_hook_t* expected, android_fdtrack_hook_t value);
bool android_mallopt(int opcode, void* arg, size_t arg_size);
size_t android_unsafe_frame_pointer_chase(uintptr_t* buf, size_t num_entries);
int android_get_application_target_sdk_version(void);
size_t __cfi_shadow_size(void);
uint32_t __system_property_wait_any(uint32_t old_serial);
#define M_GET_DECAY_TIME_ENABLED 12
#define M_SET_ZYGOTE_CHILD 4

static int tracked_fd = -1, tracked_type = -1;

static void track(struct android_fdtrack_event* e) {
  tracked_fd = e->fd;
  tracked_type = e->type;
}

static void fdsan_suite(void) {
  check("fdsan is fatal by default", android_fdsan_get_error_level() == ANDROID_FDSAN_ERROR_LEVEL_FATAL, "level");
  int fd = open("/data/local/tmp/fdsan", O_RDWR | O_CREAT | O_TRUNC, 0600);
  uint64_t tag = android_fdsan_create_owner_tag(ANDROID_FDSAN_OWNER_TYPE_UNIQUE_FD, 0x1234);
  android_fdsan_exchange_owner_tag(fd, 0, tag);
  check("fdsan owner tags", android_fdsan_get_owner_tag(fd) == tag && strcmp(android_fdsan_get_tag_type(tag), "unique_fd") == 0
        && android_fdsan_get_tag_value(tag) == 0x1234 && android_fdsan_create_owner_tag(ANDROID_FDSAN_OWNER_TYPE_FILE, 0) == 0,
        android_fdsan_get_tag_type(tag));
  check("fdsan tag types", strcmp(android_fdsan_get_tag_type(android_fdsan_create_owner_tag(ANDROID_FDSAN_OWNER_TYPE_FILE, 1)),
        "FILE*") == 0 && strcmp(android_fdsan_get_tag_type(0), "native object of unknown type") == 0
        && android_fdsan_get_tag_value(0x0080000000000001ull) == 0xff80000000000001ull
        && android_fdsan_get_tag_value(0xff00000000000001ull) == 1, "types");
  enum android_fdsan_error_level old = android_fdsan_set_error_level(ANDROID_FDSAN_ERROR_LEVEL_WARN_ONCE);
  check("fdsan_set_error_level returns the old level", old == ANDROID_FDSAN_ERROR_LEVEL_FATAL, "old");
  check("fdsan close of an owned fd warns and still closes", close(fd) == 0 && fcntl(fd, F_GETFD) == -1 && errno == EBADF,
        "close");
  check("fdsan WARN_ONCE disables itself", android_fdsan_get_error_level() == ANDROID_FDSAN_ERROR_LEVEL_DISABLED, "level");
  android_fdsan_set_error_level(ANDROID_FDSAN_ERROR_LEVEL_WARN_ALWAYS);
  fd = open("/data/local/tmp/fdsan", O_RDWR);
  android_fdsan_exchange_owner_tag(fd, 0, tag);
  check("android_fdsan_close_with_tag", android_fdsan_close_with_tag(fd, tag) == 0, "close");
  errno = 0;
  check("fdsan double close is EBADF", android_fdsan_close_with_tag(fd, tag) == -1 && errno == EBADF, "double");
  android_fdtrack_hook_t expected = NULL;
  check("fdtrack hook installs", android_fdtrack_compare_exchange_hook(&expected, track), "hook");
  fd = open("/data/local/tmp/fdsan", O_RDONLY);
  close(fd);
  check("fdtrack sees the close", tracked_fd == fd && tracked_type == 1, fmt("%d %d", tracked_fd, tracked_type));
  expected = NULL;
  check("fdtrack compare-exchange fails on a stale expectation", !android_fdtrack_compare_exchange_hook(&expected, NULL)
        && expected == track, "cas");
  android_fdtrack_compare_exchange_hook(&expected, NULL);
  android_fdsan_set_error_level(ANDROID_FDSAN_ERROR_LEVEL_FATAL);
  unlink("/data/local/tmp/fdsan");
}

static int property_count;

static void count_property(const prop_info* pi, void* cookie) {
  (void)pi;
  (*(int*)cookie)++;
}

static void property_suite(void) {
  const prop_info* pi = __system_property_find("ro.build.version.sdk");
  uint32_t serial = pi ? __system_property_serial(pi) : 0;
  check("property serial carries the value's length", pi && (serial >> 24) == 2, fmt("0x%x", serial));
  __system_property_foreach(count_property, &property_count);
  check("__system_property_find_nth", __system_property_find_nth(0) != NULL
        && __system_property_find_nth(property_count - 1) != NULL && __system_property_find_nth(property_count) == NULL,
        fmt("%d", property_count));
  uint32_t fresh = 0;
  check("__system_property_wait with a stale serial returns at once", pi && __system_property_wait(pi, serial + 1, &fresh, NULL)
        && fresh == serial, "stale");
  struct timespec wait = {0, 50 * 1000 * 1000}, before, after;
  clock_gettime(CLOCK_MONOTONIC, &before);
  int changed = __system_property_wait(pi, serial, &fresh, &wait);
  clock_gettime(CLOCK_MONOTONIC, &after);
  long waited = (after.tv_sec - before.tv_sec) * 1000 + (after.tv_nsec - before.tv_nsec) / 1000000;
  check("__system_property_wait times out on an unchanged property", !changed && waited >= 45, fmt("%ld ms", waited));
  check("__system_property_wait_any with a stale serial", __system_property_wait_any(__system_property_area_serial() + 1)
        == __system_property_area_serial(), "any");
  check("__system_properties_init", __system_properties_init() == 0, "init");
  check("android_get_device_api_level", android_get_device_api_level() == 34, fmt("%d", android_get_device_api_level()));
}

static uintptr_t iterated_base;
static size_t iterated_size;

static void on_block(uintptr_t base, size_t size, void* arg) {
  if (base == (uintptr_t)arg) { iterated_base = base; iterated_size = size; }
}

static void malloc_suite(void) {
  char* p = malloc(1000);
  struct mallinfo mi = mallinfo();
  check("mallinfo counts what is in use", mi.uordblks >= 1000 && mi.arena > 0, fmt("%zu", mi.uordblks));
  malloc_disable();
  int it = malloc_iterate((uintptr_t)p, 4096, on_block, p);
  malloc_enable();
  check("malloc_iterate finds the block", it == 0 && iterated_base == (uintptr_t)p && iterated_size >= 1000,
        fmt("%zu", iterated_size));
  char* xml = NULL;
  size_t length = 0;
  FILE* f = open_memstream(&xml, &length);
  int rc = malloc_info(0, f);
  fclose(f);
  check("malloc_info writes XML", rc == 0 && xml && strncmp(xml, "<malloc version=", 16) == 0 && strstr(xml, "</malloc>"),
        xml ? xml : "NULL");
  free(xml);
  errno = 0;
  check("malloc_info rejects options", malloc_info(1, stdout) == -1 && errno == EINVAL, "options");
  check("mallopt", mallopt(M_DECAY_TIME, 1) == 1 && mallopt(M_PURGE, 0) == 1 && mallopt(12345, 0) == 0, "mallopt");
  bool enabled = false;
  check("android_mallopt M_GET_DECAY_TIME_ENABLED", android_mallopt(M_GET_DECAY_TIME_ENABLED, &enabled, sizeof(enabled))
        && enabled, "decay");
  errno = 0;
  check("android_mallopt argument checks", !android_mallopt(M_SET_ZYGOTE_CHILD, &enabled, 1) && errno == EINVAL
        && !android_mallopt(4242, NULL, 0) && errno == ENOTSUP, fmt("%d", errno));
  free(p);
  check("malloc hooks are NULL", __malloc_hook == NULL && __free_hook == NULL, "hooks");
}

static void ids_suite(void) {
  struct passwd* pw = getpwnam("shell");
  check("getpwnam(shell)", pw && pw->pw_uid == 2000 && pw->pw_gid == 2000 && strcmp(pw->pw_shell, "/bin/sh") == 0, "shell");
  pw = getpwuid(1000);
  check("getpwuid(1000)", pw && strcmp(pw->pw_name, "system") == 0, pw ? pw->pw_name : "NULL");
  pw = getpwnam("u0_a10");
  check("getpwnam of an app id", pw && pw->pw_uid == 10010, "app");
  struct passwd buf, *result = NULL;
  char strings[512];
  check("getpwnam_r", getpwnam_r("root", &buf, strings, sizeof(strings), &result) == 0 && result == &buf && buf.pw_uid == 0,
        "root");
  check("getpwnam_r ERANGE", getpwnam_r("root", &buf, strings, 4, &result) == ERANGE && result == NULL, "erange");
  check("getpwnam of a stranger", getpwnam("no_such_user") == NULL, "stranger");
  struct group* gr = getgrnam("inet");
  check("getgrnam(inet)", gr && gr->gr_gid == 3003, "inet");
  gr = getgrgid(1007);
  check("getgrgid(1007)", gr && strcmp(gr->gr_name, "log") == 0, gr ? gr->gr_name : "NULL");
}

static void sysv_suite(void) {
  errno = 0;
  check("msgget is ENOSYS", msgget(IPC_PRIVATE, 0600) == -1 && errno == ENOSYS, fmt("%d", errno));
  errno = 0;
  check("semget is ENOSYS", semget(IPC_PRIVATE, 1, 0600) == -1 && errno == ENOSYS, fmt("%d", errno));
  errno = 0;
  check("shmget is ENOSYS", shmget(IPC_PRIVATE, 4096, 0600) == -1 && errno == ENOSYS, fmt("%d", errno));
  errno = 0;
  check("shmat is ENOSYS", shmat(0, NULL, 0) == (void*)-1 && errno == ENOSYS, fmt("%d", errno));
  check("ftok", ftok("/data/local/tmp", 'x') != -1, "ftok");
}

static void on_exit_callback(void) {}

static void* run_thread(void* arg) {
  (void)arg;
  return NULL;
}

__attribute__((noinline)) static size_t chase(uintptr_t* frames, size_t n) {
  size_t got = android_unsafe_frame_pointer_chase(frames, n);
  __asm__ volatile("" ::: "memory");
  return got;
}

static void platform_suite(void) {
  check("dlvsym finds a versioned libc symbol", dlvsym(RTLD_DEFAULT, "memcpy", "LIBC") == dlsym(RTLD_DEFAULT, "memcpy")
        && dlvsym(RTLD_DEFAULT, "memcpy", "LIBC_Q") == NULL, "dlvsym");
  android_dlextinfo info;
  memset(&info, 0, sizeof(info));
  info.flags = ANDROID_DLEXT_USE_NAMESPACE;
  check("android_dlopen_ext checks its extinfo", android_dlopen_ext("libconf_global.so", RTLD_NOW, &info) == NULL
        && strstr(dlerror(), "library_namespace is null") != NULL, "extinfo");
  info.flags = 0;
  void* h = android_dlopen_ext("libconf_global.so", RTLD_NOW, &info);
  check("android_dlopen_ext loads", h != NULL && dlsym(h, "conf_global_value") != NULL, "load");
  void* z = dlopen("libz.so", RTLD_NOW);
  check("dlsym through a system library's handle", z != NULL && dlsym(z, "crc32") != NULL
        && dlsym(z, "malloc") == (void*)malloc && dlsym(z, "no_such_symbol") == NULL, "libz");
  check("android_get_application_target_sdk_version", android_get_application_target_sdk_version() == 10000, "sdk");
  check("no CFI shadow", __cfi_shadow_size() == 0, "cfi");
  uintptr_t frames[8];
  size_t n = chase(frames, 8);
  Dl_info where;
  check("android_unsafe_frame_pointer_chase", n >= 3 && dladdr((void*)frames[0], &where)
        && strstr(where.dli_fname, "libbionic_suite.so") != NULL && dladdr((void*)frames[1], &where)
        && strstr(where.dli_fname, "libbionic_suite.so") != NULL, fmt("%zu", n));
  void *begin = NULL, *end = NULL;
  __libc_get_static_tls_bounds(&begin, &end);
  check("__libc_get_static_tls_bounds", begin != NULL && end > begin && begin == __builtin_thread_pointer(), "bounds");
  __libc_register_thread_exit_callback(on_exit_callback);
  pthread_t t;
  check("a thread exits after its exit callback", pthread_create(&t, NULL, run_thread, NULL) == 0 && pthread_join(t, NULL) == 0,
        "thread");
  check("__libc_current_sigrtmin/max", __libc_current_sigrtmin() == 42 && __libc_current_sigrtmax() == 64
        && SIGRTMIN == 42, fmt("%d", __libc_current_sigrtmin()));
  double loads[3];
  check("getloadavg", getloadavg(loads, 3) == 3 && loads[0] >= 0, "load");
  struct tms tms;
  check("times", times(&tms) > 0, "times");
  check("if_nametoindex(lo)", if_nametoindex("lo") == 1 && if_nametoindex("eth9") == 0, "lo");
  struct ifaddrs* list = NULL;
  int inet = 0;
  if (getifaddrs(&list) == 0) {
    for (struct ifaddrs* a = list; a; a = a->ifa_next) {
      if (a->ifa_addr && a->ifa_addr->sa_family == AF_INET && strcmp(a->ifa_name, "lo") == 0) inet++;
    }
    freeifaddrs(list);
  }
  check("getifaddrs lists lo", inet == 1, "lo");
  errno = 0;
  check("iconv has bionic's encodings only", iconv_open("ISO-8859-1", "UTF-8") == (iconv_t)-1 && errno == EINVAL
        && iconv_open("WCHAR_T", "UTF-8") != (iconv_t)-1, "latin1");
}

pid_t fork(void);

/* bionic refuses %n in every printf: __fortify_fatal aborts the process (in a child here, so the suite goes on). */
static void fortify_suite(void) {
  pid_t pid = fork();
  if (pid == 0) {
    char buf[16];
    int n = 0;
    const char* volatile format = "ab%n";
    snprintf(buf, sizeof buf, format, &n);
    _exit(n == 2 ? 3 : 4);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  check("printf %n aborts as bionic's", WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT, "");
}

int AVmPayload_main(void) {
  fortify_suite();
  fdsan_suite();
  property_suite();
  malloc_suite();
  ids_suite();
  sysv_suite();
  platform_suite();
  printf("libc_bionic_suite failures=%d\n", failures);
  fflush(stdout);
  return failures;
}
