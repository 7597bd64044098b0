/* arpa/inet.h (bionic), for mdemu's test sysroot. */
#pragma once
#include <netinet/in.h>
in_addr_t inet_addr(const char* s);
int inet_aton(const char* s, struct in_addr* addr);
in_addr_t inet_lnaof(struct in_addr addr);
struct in_addr inet_makeaddr(in_addr_t net, in_addr_t host);
in_addr_t inet_netof(struct in_addr addr);
in_addr_t inet_network(const char* s);
char* inet_ntoa(struct in_addr addr);
const char* inet_ntop(int family, const void* src, char* dst, socklen_t size);
int inet_pton(int family, const char* src, void* dst);
