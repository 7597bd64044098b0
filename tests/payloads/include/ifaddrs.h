/* ifaddrs.h (bionic), for mdemu's test sysroot. */
#pragma once
#include <sys/socket.h>
struct ifaddrs {
  struct ifaddrs* ifa_next;
  char* ifa_name;
  unsigned int ifa_flags;
  struct sockaddr* ifa_addr;
  struct sockaddr* ifa_netmask;
  union { struct sockaddr* ifu_broadaddr; struct sockaddr* ifu_dstaddr; } ifa_ifu;
  void* ifa_data;
};
int getifaddrs(struct ifaddrs** list);
void freeifaddrs(struct ifaddrs* list);
