/* Pipes, eventfds, socket pairs, timerfds and poll/select/epoll between guest threads: one line per check. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

int usleep(unsigned int usec);

static int failures;

static void check(const char* name, int ok) {
  if (ok) printf("ok %s\n", name);
  else { printf("FAIL %s (errno %d)\n", name, errno); failures++; }
}

static long now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* --- a blocking read that waits for another thread --- */
static int late_pipe[2];
static void* late_writer(void* arg) {
  usleep(30000);
  write(late_pipe[1], "late", 4);
  return NULL;
}

/* --- an echo server on one end of a socket pair --- */
static void* echo(void* arg) {
  int fd = (int)(long)arg;
  char buf[64];
  for (;;) {
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    for (ssize_t i = 0; i < n; i++) if (buf[i] >= 'a' && buf[i] <= 'z') buf[i] -= 32;
    send(fd, buf, n, 0);
  }
  close(fd);
  return (void*)1;
}

/* --- a thread that signals an eventfd after a while --- */
static int poked_event;
static void* poke(void* arg) {
  usleep(20000);
  eventfd_write(poked_event, 5);
  return NULL;
}

int AVmPayload_main(void) {
  /* As servers do: a peer that went away must give EPIPE, not end the process with SIGPIPE. */
  signal(SIGPIPE, SIG_IGN);
  /* pipe between threads: the reader blocks until the writer writes */
  pipe(late_pipe);
  pthread_t t;
  long start = now_ms();
  pthread_create(&t, NULL, late_writer, NULL);
  char buf[32] = {0};
  ssize_t n = read(late_pipe[0], buf, sizeof buf);
  check("blocking pipe read wakes when another thread writes", n == 4 && memcmp(buf, "late", 4) == 0
        && now_ms() - start >= 20);
  pthread_join(t, NULL);
  close(late_pipe[1]);
  check("read after every writer closed is EOF", read(late_pipe[0], buf, sizeof buf) == 0);
  close(late_pipe[0]);

  /* O_NONBLOCK, EPIPE, pipe size */
  int p[2];
  check("pipe2 with O_NONBLOCK|O_CLOEXEC", pipe2(p, O_NONBLOCK | O_CLOEXEC) == 0
        && (fcntl(p[0], F_GETFL) & O_NONBLOCK) && fcntl(p[1], F_GETFD) == FD_CLOEXEC);
  errno = 0;
  check("empty non-blocking pipe read is EAGAIN", read(p[0], buf, 4) == -1 && errno == EAGAIN);
  check("pipe capacity is 64 KiB", fcntl(p[0], F_GETPIPE_SZ) == 65536);
  static char big[70000];
  check("non-blocking write fills the pipe to its capacity", write(p[1], big, sizeof big) == 65536);
  errno = 0;
  check("write to a full non-blocking pipe is EAGAIN", write(p[1], "x", 1) == -1 && errno == EAGAIN);
  close(p[0]);
  errno = 0;
  check("write with no reader is EPIPE", write(p[1], "x", 1) == -1 && errno == EPIPE);
  close(p[1]);
  pipe(p);
  fcntl(p[0], F_SETFL, O_NONBLOCK);
  errno = 0;
  check("F_SETFL O_NONBLOCK makes a pipe read EAGAIN", read(p[0], buf, 1) == -1 && errno == EAGAIN);
  struct iovec iov[2] = {{"ab", 2}, {"cde", 3}};
  check("writev and readv on a pipe", writev(p[1], iov, 2) == 5);
  char x1[3] = {0}, x2[8] = {0};
  struct iovec in[2] = {{x1, 3}, {x2, 8}};
  check("readv gathers what is there without waiting", readv(p[0], in, 2) == 5 && memcmp(x1, "abc", 3) == 0
        && memcmp(x2, "de", 2) == 0);

  /* dup2 onto a pipe end, F_DUPFD_CLOEXEC */
  int spare = dup(1);
  check("dup2 onto a descriptor makes it the pipe's write end", dup2(p[1], spare) == spare
        && write(spare, "via", 3) == 3 && read(p[0], buf, 8) == 3 && memcmp(buf, "via", 3) == 0);
  int high = fcntl(p[0], F_DUPFD_CLOEXEC, 50);
  check("F_DUPFD_CLOEXEC picks a descriptor at or above the floor, close-on-exec", high >= 50
        && fcntl(high, F_GETFD) == FD_CLOEXEC && fcntl(p[0], F_GETFD) == 0);
  close(high);
  close(spare);

  /* poll */
  struct pollfd pf[2] = {{p[0], POLLIN, 0}, {p[1], POLLOUT, 0}};
  start = now_ms();
  int r = poll(pf, 1, 50);
  check("poll on an empty pipe times out", r == 0 && now_ms() - start >= 40);
  write(p[1], "z", 1);
  check("poll reports a readable pipe and a writable end", poll(pf, 2, 1000) == 2 && pf[0].revents == POLLIN
        && pf[1].revents == POLLOUT);
  read(p[0], buf, 1);
  struct pollfd bad = {999, POLLIN, 0};
  check("poll reports POLLNVAL for a closed descriptor", poll(&bad, 1, 0) == 1 && bad.revents == POLLNVAL);

  /* select */
  fd_set rd;
  FD_ZERO(&rd);
  FD_SET(p[0], &rd);
  struct timeval tv = {0, 20000};
  check("select times out on an empty pipe", select(p[0] + 1, &rd, NULL, NULL, &tv) == 0 && !FD_ISSET(p[0], &rd));
  write(p[1], "s", 1);
  FD_SET(p[0], &rd);
  check("select finds the readable pipe", select(p[0] + 1, &rd, NULL, NULL, NULL) == 1 && FD_ISSET(p[0], &rd));
  read(p[0], buf, 1);

  /* eventfd */
  int ev = eventfd(2, EFD_NONBLOCK);
  eventfd_t value = 0;
  eventfd_write(ev, 3);
  check("eventfd read takes the whole count", eventfd_read(ev, &value) == 0 && value == 5);
  errno = 0;
  check("eventfd at zero is EAGAIN", eventfd_read(ev, &value) == -1 && errno == EAGAIN);
  int sem = eventfd(2, EFD_SEMAPHORE | EFD_NONBLOCK);
  eventfd_t a = 0, b = 0;
  check("semaphore eventfd counts down by one", eventfd_read(sem, &a) == 0 && eventfd_read(sem, &b) == 0
        && a == 1 && b == 1 && eventfd_read(sem, &a) == -1);

  /* epoll over several fds, woken by another thread */
  int ep = epoll_create1(EPOLL_CLOEXEC);
  poked_event = eventfd(0, 0);
  struct epoll_event e1 = {EPOLLIN, {.u64 = 0x1000}}, e2 = {EPOLLIN, {.u64 = 0x2000}};
  check("epoll_ctl adds a pipe and an eventfd", epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &e1) == 0
        && epoll_ctl(ep, EPOLL_CTL_ADD, poked_event, &e2) == 0 && sizeof(struct epoll_event) == 16);
  struct epoll_event out[4];
  start = now_ms();
  check("epoll_wait times out with nothing ready", epoll_wait(ep, out, 4, 30) == 0 && now_ms() - start >= 20);
  pthread_create(&t, NULL, poke, NULL);
  int got = epoll_wait(ep, out, 4, 5000);
  check("epoll_wait wakes for another thread's eventfd write", got == 1 && out[0].data.u64 == 0x2000
        && out[0].events == EPOLLIN);
  pthread_join(t, NULL);
  write(p[1], "e", 1);
  check("epoll_wait reports both ready descriptors", epoll_wait(ep, out, 4, 0) == 2);
  close(ep);

  /* timerfd firing twice */
  int tfd = timerfd_create(CLOCK_MONOTONIC, 0);
  struct itimerspec its = {{0, 20000000}, {0, 20000000}};
  /* Time from before arming: a thread descheduled between arming and reading may find several expirations at once. */
  start = now_ms();
  timerfd_settime(tfd, 0, &its, NULL);
  uint64_t ticks = 0, total = 0;
  for (int i = 0; i < 2; i++) {
    if (read(tfd, &ticks, 8) == 8) total += ticks;
  }
  check("timerfd fires twice", total >= 2 && now_ms() - start >= 30);
  struct pollfd tp = {tfd, POLLIN, 0};
  check("poll wakes for a timerfd expiry", poll(&tp, 1, 1000) == 1 && tp.revents == POLLIN);
  struct itimerspec cur;
  check("timerfd_gettime shows the interval", timerfd_gettime(tfd, &cur) == 0 && cur.it_interval.tv_nsec == 20000000);
  close(tfd);

  /* socketpair echo between threads */
  int sv[2];
  check("socketpair AF_UNIX stream", socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
  pthread_create(&t, NULL, echo, (void*)(long)sv[1]);
  char reply[16] = {0};
  int echoed = send(sv[0], "hello", 5, 0) == 5 && recv(sv[0], reply, sizeof reply, 0) == 5
               && memcmp(reply, "HELLO", 5) == 0;
  echoed = echoed && write(sv[0], "again", 5) == 5 && read(sv[0], reply, sizeof reply) == 5
           && memcmp(reply, "AGAIN", 5) == 0;
  check("socketpair echo between threads", echoed);
  shutdown(sv[0], SHUT_WR);
  void* done;
  pthread_join(t, &done);
  check("shutdown ends the peer's reads, and its close gives EOF", done == (void*)1 && recv(sv[0], reply, 16, 0) == 0);
  close(sv[0]);
  int dg[2];
  socketpair(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0, dg);
  send(dg[0], "one", 3, 0);
  send(dg[0], "three", 5, 0);
  char m[8] = {0};
  check("datagram pair keeps messages apart", recv(dg[1], m, 8, 0) == 3 && recv(dg[1], m, 8, 0) == 5
        && memcmp(m, "three", 5) == 0 && recv(dg[1], m, 8, MSG_DONTWAIT) == -1 && errno == EAGAIN);

  struct iovec parts[2] = {{"head", 4}, {"tail", 4}};
  struct msghdr msg = {0};
  msg.msg_iov = parts;
  msg.msg_iovlen = 2;
  char whole[16] = {0};
  struct iovec into = {whole, sizeof whole};
  struct msghdr got_msg = {0};
  got_msg.msg_iov = &into;
  got_msg.msg_iovlen = 1;
  check("sendmsg sends its vectors as one datagram and recvmsg receives it", sendmsg(dg[0], &msg, 0) == 8
        && recvmsg(dg[1], &got_msg, 0) == 8 && memcmp(whole, "headtail", 8) == 0);

  /* edge-triggered epoll */
  int et = epoll_create1(0);
  int etp[2];
  pipe(etp);
  struct epoll_event ee = {EPOLLIN | EPOLLET, {.u64 = 9}};
  epoll_ctl(et, EPOLL_CTL_ADD, etp[0], &ee);
  write(etp[1], "1", 1);
  int first = epoll_wait(et, out, 4, 0), again = epoll_wait(et, out, 4, 0);
  write(etp[1], "2", 1);
  int after = epoll_wait(et, out, 4, 0);
  check("edge-triggered epoll reports each new write once", first == 1 && again == 0 && after == 1);

  printf("io failures=%d\n", failures);
  return failures;
}
