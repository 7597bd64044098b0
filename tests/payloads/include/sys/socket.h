#pragma once
/* The socket calls the emulator offers on AF_UNIX socket pairs. */
#include <sys/types.h>
typedef unsigned int socklen_t;
struct sockaddr { unsigned short sa_family; char sa_data[14]; };
#define AF_UNIX 1
#define SOCK_STREAM 1
#define SOCK_DGRAM 2
#define SOCK_SEQPACKET 5
#define SOCK_NONBLOCK 04000
#define SOCK_CLOEXEC 02000000
#define SHUT_RD 0
#define SHUT_WR 1
#define SHUT_RDWR 2
#define MSG_DONTWAIT 0x40
#define MSG_NOSIGNAL 0x4000
#include <sys/uio.h>
struct msghdr {
  void* msg_name;
  socklen_t msg_namelen;
  struct iovec* msg_iov;
  size_t msg_iovlen;
  void* msg_control;
  size_t msg_controllen;
  int msg_flags;
};
ssize_t sendmsg(int fd, const struct msghdr* message, int flags);
ssize_t recvmsg(int fd, struct msghdr* message, int flags);
int socketpair(int domain, int type, int protocol, int fds[2]);
int shutdown(int fd, int how);
ssize_t send(int fd, const void* buffer, size_t length, int flags);
ssize_t recv(int fd, void* buffer, size_t length, int flags);
ssize_t sendto(int fd, const void* buffer, size_t length, int flags, const struct sockaddr* to, socklen_t to_length);
ssize_t recvfrom(int fd, void* buffer, size_t length, int flags, struct sockaddr* from, socklen_t* from_length);
