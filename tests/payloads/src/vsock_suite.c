/*
 * AF_VSOCK from inside the guest. First the socket API's edge cases, one "ok"/"FAIL" line each (on a loopback
 * connection inside the VM where a peer is needed); then a call out to a host listener on port 5679 if there is
 * one; then the servers the host tests drive, on one poll loop:
 *   5678  echo reversed line: each '\n'-terminated line comes back reversed; "fds" answers the number of open
 *         descriptors, "shutdown" ends the payload (exit status 0)
 *   5680  sink: accepts and never reads
 *   5681  raw echo: bytes come back as they arrive (throughput)
 * AVmPayload_notifyPayloadReady() tells the host the servers listen.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/vm_sockets.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>
#include <vm_payload.h>

#define ECHO_PORT 5678
#define HOST_PORT 5679
#define SINK_PORT 5680
#define RAW_PORT 5681
#define LOOP_PORT 5690
#define MAX_CLIENTS 200
#define LINE_MAX_BYTES 4096

static int failures;

static void check(const char* name, int ok) {
  if (ok) printf("ok %s\n", name);
  else { printf("FAIL %s (errno %d)\n", name, errno); failures++; }
}

/* A guest CID that is not this VM's: the VMs of one host JVM get 3, 4, 5, ... in turn, so a small number such as 7
 * is this VM's own CID when enough VMs ran before it in the same JVM. */
#define FOREIGN_CID 0x7fff0007u

static struct sockaddr_vm vm_address(unsigned int cid, unsigned int port) {
  struct sockaddr_vm a;
  memset(&a, 0, sizeof a);
  a.svm_family = AF_VSOCK;
  a.svm_cid = cid;
  a.svm_port = port;
  return a;
}

static int vsock(void) {
  return socket(AF_VSOCK, SOCK_STREAM | SOCK_CLOEXEC, 0);
}

static int listener(unsigned int port) {
  int fd = vsock();
  struct sockaddr_vm a = vm_address(VMADDR_CID_ANY, port);
  if (fd < 0 || bind(fd, (struct sockaddr*)&a, sizeof a) != 0 || listen(fd, 16) != 0) return -1;
  return fd;
}

static int connect_to(unsigned int cid, unsigned int port) {
  int fd = vsock();
  struct sockaddr_vm a = vm_address(cid, port);
  if (connect(fd, (struct sockaddr*)&a, sizeof a) != 0) {
    int e = errno;
    close(fd);
    errno = e;
    return -1;
  }
  return fd;
}

static int errno_is(int result, int expected) {
  return result == -1 && errno == expected;
}

static void socket_checks(void) {
  int fd = vsock();
  check("socket AF_VSOCK stream", fd >= 0);
  check("socket AF_VSOCK dgram ESOCKTNOSUPPORT", errno_is(socket(AF_VSOCK, SOCK_DGRAM, 0), ESOCKTNOSUPPORT));
  check("socket AF_INET EAFNOSUPPORT", errno_is(socket(AF_INET, SOCK_STREAM, 0), EAFNOSUPPORT));
  int type = 0;
  socklen_t len = sizeof type;
  check("SO_TYPE stream", getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) == 0 && type == SOCK_STREAM && len == 4);
  int domain = 0;
  len = sizeof domain;
  check("SO_DOMAIN AF_VSOCK", getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &len) == 0 && domain == AF_VSOCK);

  struct sockaddr_vm name;
  memset(&name, 0x55, sizeof name);
  len = sizeof name;
  check("getsockname unbound: any/any",
        getsockname(fd, (struct sockaddr*)&name, &len) == 0 && len == sizeof name && name.svm_family == AF_VSOCK
            && name.svm_cid == VMADDR_CID_ANY && name.svm_port == VMADDR_PORT_ANY);
  len = sizeof name;
  check("getpeername unconnected ENOTCONN", errno_is(getpeername(fd, (struct sockaddr*)&name, &len), ENOTCONN));
  char c;
  check("read unconnected ENOTCONN", errno_is(read(fd, &c, 1), ENOTCONN));
  check("listen unbound EINVAL", errno_is(listen(fd, 1), EINVAL));
  struct sockaddr_vm a = vm_address(VMADDR_CID_ANY, ECHO_PORT);
  check("bind short address EINVAL", errno_is(bind(fd, (struct sockaddr*)&a, 8), EINVAL));
  struct sockaddr_vm wrong = a;
  wrong.svm_family = AF_UNIX;
  check("bind AF_UNIX address EAFNOSUPPORT", errno_is(bind(fd, (struct sockaddr*)&wrong, sizeof wrong), EAFNOSUPPORT));
  struct sockaddr_vm other = vm_address(FOREIGN_CID, ECHO_PORT);
  check("bind foreign CID EADDRNOTAVAIL", errno_is(bind(fd, (struct sockaddr*)&other, sizeof other), EADDRNOTAVAIL));
  check("bind", bind(fd, (struct sockaddr*)&a, sizeof a) == 0);
  check("bind twice EINVAL", errno_is(bind(fd, (struct sockaddr*)&a, sizeof a), EINVAL));
  int second = vsock();
  check("bind port in use EADDRINUSE", errno_is(bind(second, (struct sockaddr*)&a, sizeof a), EADDRINUSE));
  close(second);
  len = sizeof name;
  check("getsockname bound",
        getsockname(fd, (struct sockaddr*)&name, &len) == 0 && name.svm_port == ECHO_PORT
            && name.svm_cid == VMADDR_CID_ANY);
  int on = 1;
  check("SO_REUSEADDR", setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) == 0);
  check("SO_KEEPALIVE", setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on) == 0);
  int size = 65536, got = 0;
  len = sizeof got;
  check("SO_RCVBUF doubled", setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size) == 0
        && getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &got, &len) == 0 && got == 2 * size);
  check("TCP_NODELAY on vsock ENOPROTOOPT", errno_is(setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on), ENOPROTOOPT));
  unsigned long long buffer_size = 0;
  len = sizeof buffer_size;
  check("SO_VM_SOCKETS_BUFFER_SIZE", getsockopt(fd, AF_VSOCK, SO_VM_SOCKETS_BUFFER_SIZE, &buffer_size, &len) == 0
        && buffer_size == 262144);
  check("listen", listen(fd, 16) == 0);
  int accepting = 0;
  len = sizeof accepting;
  check("SO_ACCEPTCONN", getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &accepting, &len) == 0 && accepting == 1);
  fcntl(fd, F_SETFL, O_NONBLOCK);
  check("accept nothing pending EAGAIN", errno_is(accept(fd, NULL, NULL), EAGAIN));
  fcntl(fd, F_SETFL, 0);
  close(fd);
  check("port free after close", (fd = listener(ECHO_PORT)) >= 0);
  close(fd);

  check("connect to a host port nobody listens on ECONNRESET", errno_is(connect_to(VMADDR_CID_HOST, 1), ECONNRESET));
  check("connect to another guest ENETUNREACH", errno_is(connect_to(FOREIGN_CID, 1), ENETUNREACH));
  int nb = socket(AF_VSOCK, SOCK_STREAM | SOCK_NONBLOCK, 0);
  struct sockaddr_vm nobody = vm_address(VMADDR_CID_HOST, 1);
  check("non-blocking connect EINPROGRESS", errno_is(connect(nb, (struct sockaddr*)&nobody, sizeof nobody), EINPROGRESS));
  struct pollfd p = {nb, POLLOUT, 0};
  int err = 0;
  len = sizeof err;
  check("failed connect: POLLERR and SO_ERROR ECONNRESET", poll(&p, 1, 1000) == 1 && (p.revents & POLLERR)
        && getsockopt(nb, SOL_SOCKET, SO_ERROR, &err, &len) == 0 && err == ECONNRESET);
  close(nb);
}

static void loopback_checks(void) {
  int l = listener(LOOP_PORT);
  check("loopback listener", l >= 0);
  int c = socket(AF_VSOCK, SOCK_STREAM | SOCK_NONBLOCK, 0);
  struct sockaddr_vm to = vm_address(VMADDR_CID_LOCAL, LOOP_PORT);
  check("non-blocking loopback connect EINPROGRESS", errno_is(connect(c, (struct sockaddr*)&to, sizeof to), EINPROGRESS));
  struct pollfd p = {c, POLLOUT, 0};
  int err = -1;
  socklen_t len = sizeof err;
  check("connected: POLLOUT, SO_ERROR 0", poll(&p, 1, 1000) == 1 && (p.revents & POLLOUT)
        && getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &len) == 0 && err == 0);
  check("connect again EISCONN", errno_is(connect(c, (struct sockaddr*)&to, sizeof to), EISCONN));
  struct pollfd lp = {l, POLLIN, 0};
  check("listener readable with a pending connection", poll(&lp, 1, 1000) == 1 && (lp.revents & POLLIN));
  struct sockaddr_vm peer, mine;
  len = sizeof peer;
  int a = accept4(l, (struct sockaddr*)&peer, &len, SOCK_CLOEXEC);
  check("accept4", a >= 0 && len == sizeof peer && peer.svm_family == AF_VSOCK);
  len = sizeof mine;
  getsockname(c, (struct sockaddr*)&mine, &len);
  check("accepted peer is the connecting socket", peer.svm_port == mine.svm_port && peer.svm_cid == mine.svm_cid
        && mine.svm_cid > VMADDR_CID_HOST && mine.svm_port != VMADDR_PORT_ANY);
  struct sockaddr_vm accepted_name;
  len = sizeof accepted_name;
  check("accepted socket's name is the listening port",
        getsockname(a, (struct sockaddr*)&accepted_name, &len) == 0 && accepted_name.svm_port == LOOP_PORT);
  len = sizeof peer;
  check("getpeername", getpeername(c, (struct sockaddr*)&peer, &len) == 0 && peer.svm_port == LOOP_PORT);

  char buf[64];
  check("send/recv", send(c, "ping", 4, 0) == 4 && recv(a, buf, sizeof buf, 0) == 4 && memcmp(buf, "ping", 4) == 0);
  check("recv nothing MSG_DONTWAIT EAGAIN", errno_is(recv(a, buf, sizeof buf, MSG_DONTWAIT), EAGAIN));
  struct timeval limit = {0, 50000}, read_back = {0, 0};
  socklen_t tv_len = sizeof read_back;
  check("SO_RCVTIMEO set and read back", setsockopt(a, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit) == 0
        && getsockopt(a, SOL_SOCKET, SO_RCVTIMEO, &read_back, &tv_len) == 0 && read_back.tv_usec == 50000);
  struct timespec before, after;
  clock_gettime(CLOCK_MONOTONIC, &before);
  int timed_out = errno_is(recv(a, buf, sizeof buf, 0), EAGAIN);
  clock_gettime(CLOCK_MONOTONIC, &after);
  long waited_ms = (after.tv_sec - before.tv_sec) * 1000 + (after.tv_nsec - before.tv_nsec) / 1000000;
  check("blocking recv ends with EAGAIN after SO_RCVTIMEO", timed_out && waited_ms >= 45);
  limit.tv_usec = 0;
  setsockopt(a, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
  struct iovec out[2] = {{"ab", 2}, {"cde", 3}};
  check("writev", writev(c, out, 2) == 5);
  char x[2], y[8];
  struct iovec in[2] = {{x, 2}, {y, 8}};
  check("readv", readv(a, in, 2) == 5 && memcmp(x, "ab", 2) == 0 && memcmp(y, "cde", 3) == 0);
  struct msghdr m;
  memset(&m, 0, sizeof m);
  struct iovec one = {"msg", 3};
  m.msg_iov = &one;
  m.msg_iovlen = 1;
  check("sendmsg", sendmsg(a, &m, 0) == 3);
  struct iovec back = {buf, sizeof buf};
  m.msg_iov = &back;
  check("recvmsg", recvmsg(c, &m, 0) == 3 && memcmp(buf, "msg", 3) == 0);

  int ep = epoll_create1(EPOLL_CLOEXEC);
  struct epoll_event ev = {EPOLLIN, {0}};
  ev.data.fd = a;
  epoll_ctl(ep, EPOLL_CTL_ADD, a, &ev);
  struct epoll_event got;
  check("epoll: nothing to read", epoll_wait(ep, &got, 1, 0) == 0);
  write(c, "z", 1);
  check("epoll: readable after a write", epoll_wait(ep, &got, 1, 1000) == 1 && got.data.fd == a);
  read(a, buf, 1);

  /* A reader that does not read: the writer fills the bounded buffer, then EAGAIN and no POLLOUT. */
  static char chunk[65536];
  long total = 0;
  ssize_t n;
  while ((n = send(c, chunk, sizeof chunk, MSG_DONTWAIT)) > 0) total += n;
  check("bounded buffer: EAGAIN after 256 KiB", n == -1 && errno == EAGAIN && total == 262144);
  p.events = POLLOUT;
  p.revents = 0;
  check("full buffer: no POLLOUT", poll(&p, 1, 0) == 0);
  long drained = 0;
  while (drained < total && (n = recv(a, chunk, sizeof chunk, 0)) > 0) drained += n;
  check("drained", drained == total);

  check("shutdown SHUT_WR", shutdown(c, SHUT_WR) == 0);
  check("peer reads EOF", read(a, buf, sizeof buf) == 0);
  struct pollfd hup = {a, POLLIN, 0};
  check("EOF is readable", poll(&hup, 1, 0) == 1 && (hup.revents & POLLIN));
  check("write after SHUT_WR EPIPE", errno_is(send(c, "x", 1, MSG_NOSIGNAL), EPIPE));
  check("other direction still open", write(a, "back", 4) == 4);
  p.events = POLLIN;
  check("non-blocking read gets it", poll(&p, 1, 1000) == 1 && read(c, buf, sizeof buf) == 4);
  close(a);
  p.revents = 0;
  check("peer closed: POLLHUP", poll(&p, 1, 1000) == 1 && (p.revents & POLLHUP));
  check("read after peer close: EOF", read(c, buf, sizeof buf) == 0);
  close(c);
  close(ep);
  close(l);
  check("listener closed: ECONNRESET", errno_is(connect_to(VMADDR_CID_LOCAL, LOOP_PORT), ECONNRESET));
}

/* Reads one line (without its '\n') from fd; the length, or -1 at EOF before a newline. */
static int read_line(int fd, char* line, int max) {
  int n = 0;
  while (n < max - 1) {
    char c;
    if (read(fd, &c, 1) != 1) return -1;
    if (c == '\n') break;
    line[n++] = c;
  }
  line[n] = 0;
  return n;
}

static void call_host(void) {
  int fd = connect_to(VMADDR_CID_HOST, HOST_PORT);
  if (fd < 0) {
    printf("host listener: none (errno %d)\n", errno);
    return;
  }
  const char hello[] = "hello from the guest\n";
  write(fd, hello, sizeof hello - 1);
  char line[256];
  if (read_line(fd, line, sizeof line) >= 0) printf("host said: %s\n", line);
  char c;
  printf("host closed: %s\n", read(fd, &c, 1) == 0 ? "EOF" : "more data");
  close(fd);
}

struct client {
  int fd;
  int port;
  int length;
  char line[LINE_MAX_BYTES];
};

static struct client clients[MAX_CLIENTS];
static int client_count;

static int open_descriptors(void) {
  int count = 0;
  for (int fd = 0; fd < 1024; fd++) if (fcntl(fd, F_GETFD) != -1) count++;
  return count;
}

static void write_all(int fd, const char* data, int length) {
  while (length > 0) {
    ssize_t n = send(fd, data, length, MSG_NOSIGNAL);
    if (n <= 0) return;
    data += n;
    length -= n;
  }
}

/* Handles what arrived on an echo client; returns 0 when the connection is over, -1 to shut the payload down. */
static int serve_line_client(struct client* c) {
  char buf[LINE_MAX_BYTES];
  ssize_t n = read(c->fd, buf, sizeof buf);
  if (n <= 0) return 0;
  for (ssize_t i = 0; i < n; i++) {
    if (buf[i] != '\n') {
      if (c->length < LINE_MAX_BYTES - 1) c->line[c->length++] = buf[i];
      continue;
    }
    c->line[c->length] = 0;
    if (strcmp(c->line, "shutdown") == 0) return -1;
    if (strcmp(c->line, "fds") == 0) {
      char answer[32];
      int len = snprintf(answer, sizeof answer, "fds %d\n", open_descriptors());
      write_all(c->fd, answer, len);
    } else {
      for (int j = 0; j < c->length / 2; j++) {
        char t = c->line[j];
        c->line[j] = c->line[c->length - 1 - j];
        c->line[c->length - 1 - j] = t;
      }
      c->line[c->length] = '\n';
      write_all(c->fd, c->line, c->length + 1);
    }
    c->length = 0;
  }
  return 1;
}

static int serve_raw_client(struct client* c) {
  static char buf[65536];
  ssize_t n = read(c->fd, buf, sizeof buf);
  if (n <= 0) return 0;
  write_all(c->fd, buf, n);
  return 1;
}

static void serve(int echo, int sink, int raw) {
  static struct pollfd fds[MAX_CLIENTS + 3];
  for (;;) {
    int count = 0;
    fds[count++] = (struct pollfd){echo, POLLIN, 0};
    fds[count++] = (struct pollfd){sink, POLLIN, 0};
    fds[count++] = (struct pollfd){raw, POLLIN, 0};
    for (int i = 0; i < client_count; i++) {
      /* A sink client is not watched at all (a negative fd): it is never read, even after its peer left. */
      fds[count++] = (struct pollfd){clients[i].port == SINK_PORT ? -1 : clients[i].fd, POLLIN, 0};
    }
    if (poll(fds, count, -1) < 0) continue;
    for (int l = 0; l < 3; l++) {
      if (!(fds[l].revents & POLLIN)) continue;
      int fd = accept4(fds[l].fd, NULL, NULL, SOCK_CLOEXEC);
      if (fd < 0) continue;
      if (client_count == MAX_CLIENTS) { close(fd); continue; }
      struct client* c = &clients[client_count++];
      c->fd = fd;
      c->port = l == 0 ? ECHO_PORT : l == 1 ? SINK_PORT : RAW_PORT;
      c->length = 0;
    }
    for (int i = client_count - 1; i >= 0; i--) {
      short revents = fds[3 + i].revents;
      if (i >= count - 3 || !(revents & (POLLIN | POLLHUP | POLLERR))) continue;
      struct client* c = &clients[i];
      int status = c->port == RAW_PORT ? serve_raw_client(c) : serve_line_client(c);
      if (status < 0) return;
      if (status == 0) {
        close(c->fd);
        clients[i] = clients[--client_count];
      }
    }
  }
}

int AVmPayload_main(void) {
  socket_checks();
  loopback_checks();
  printf("vsock checks: %d failures\n", failures);
  call_host();
  int echo = listener(ECHO_PORT), sink = listener(SINK_PORT), raw = listener(RAW_PORT);
  if (echo < 0 || sink < 0 || raw < 0) {
    printf("FAIL cannot listen (errno %d)\n", errno);
    return 1;
  }
  printf("listening on %d, %d, %d\n", ECHO_PORT, SINK_PORT, RAW_PORT);
  fflush(stdout);
  AVmPayload_notifyPayloadReady();
  serve(echo, sink, raw);
  printf("shutting down\n");
  return failures == 0 ? 0 : 1;
}
