/*
 * Checks, from inside the guest, the libc functions that NDK-built libraries from Maven Central import and the
 * guest gained for them (docs/NDK-LIBRARIES.md): memory locking, poll, fcntl's descriptor flags and raise. Ends by
 * raising SIGTERM, whose default action ends the process.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <time.h>

/* sys/mman.h, poll.h, fcntl.h and signal.h names used here, declared from their Linux/bionic definitions. */
void* mmap(void* addr, size_t length, int prot, int flags, int fd, long offset);
int munmap(void* addr, size_t length);
int mlock(const void* addr, size_t length);
int munlock(const void* addr, size_t length);
int mlock2(const void* addr, size_t length, unsigned flags);
int mlockall(int flags);
int munlockall(void);
struct pollfd { int fd; short events; short revents; };
int poll(struct pollfd* fds, unsigned long count, int timeout_ms);
int fcntl(int fd, int command, ...);
int raise(int signal);
int close(int fd);
#define PROT_READ 1
#define PROT_WRITE 2
#define MAP_PRIVATE 2
#define MAP_ANONYMOUS 0x20
#define MCL_CURRENT 1
#define MLOCK_ONFAULT 1
#define POLLIN 1
#define POLLPRI 2
#define POLLOUT 4
#define POLLNVAL 0x20
#define F_GETFD 1
#define F_SETFD 2
#define FD_CLOEXEC 1
#define EBADF 9
#define ENOMEM 12
#define EINVAL 22
#define SIGCHLD 17
#define SIGTERM 15

static int failures;

static void check(const char* what, int ok) {
  printf("%s %s\n", ok ? "ok" : "FAIL", what);
  if (!ok) failures++;
}

static long elapsed_ms(const struct timespec* since) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (now.tv_sec - since->tv_sec) * 1000 + (now.tv_nsec - since->tv_nsec) / 1000000;
}

int AVmPayload_main(void) {
  char* pages = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  munmap(pages + 4096, 4096);
  errno = 0;
  check("mlock over a hole fails with ENOMEM", mlock(pages, 3 * 4096) == -1 && errno == ENOMEM);
  check("mlock and munlock of a mapped page", mlock(pages + 10, 100) == 0 && munlock(pages + 10, 100) == 0);
  errno = 0;
  check("mlock2 rejects unknown flags", mlock2(pages, 4096, 2) == -1 && errno == EINVAL);
  check("mlock2 with MLOCK_ONFAULT", mlock2(pages + 2 * 4096, 4096, MLOCK_ONFAULT) == 0);
  errno = 0;
  check("mlockall needs flags", mlockall(0) == -1 && errno == EINVAL);
  check("mlockall and munlockall", mlockall(MCL_CURRENT) == 0 && munlockall() == 0);

  struct pollfd fds[3] = {{1, POLLOUT, -1}, {99, POLLIN, -1}, {-1, POLLIN, -1}};
  int ready = poll(fds, 3, 1000);
  check("poll: stdout writable, a closed fd POLLNVAL, a negative fd skipped",
        ready == 2 && fds[0].revents == POLLOUT && fds[1].revents == POLLNVAL && fds[2].revents == 0);
  struct pollfd urgent = {1, POLLPRI, 0};
  struct timespec start;
  clock_gettime(CLOCK_MONOTONIC, &start);
  ready = poll(&urgent, 1, 50);
  check("poll with nothing ready waits out its timeout", ready == 0 && urgent.revents == 0 && elapsed_ms(&start) >= 50);

  int fd = open("/mnt/apk/lib/arm64-v8a/libndk_imports.so", O_RDONLY);
  check("fcntl: close-on-exec starts clear", fd >= 0 && fcntl(fd, F_GETFD) == 0);
  check("fcntl: F_SETFD sets FD_CLOEXEC", fcntl(fd, F_SETFD, FD_CLOEXEC) == 0 && fcntl(fd, F_GETFD) == FD_CLOEXEC);
  close(fd);
  errno = 0;
  check("fcntl on a closed descriptor fails with EBADF", fcntl(fd, F_GETFD) == -1 && errno == EBADF);

  check("raise(0) and an ignored signal return 0", raise(0) == 0 && raise(SIGCHLD) == 0);
  errno = 0;
  check("raise of signal 65 fails with EINVAL", raise(65) == -1 && errno == EINVAL);
  printf("ndk imports failures=%d\n", failures);
  fflush(stdout);
  raise(SIGTERM);
  printf("FAIL still running after SIGTERM\n");
  return 1;
}
