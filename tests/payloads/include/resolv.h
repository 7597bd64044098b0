/* resolv.h (bionic): the resolver's exported name helpers, for mdemu's test sysroot. */
#pragma once
#include <netinet/in.h>
int __dn_comp(const char* name, unsigned char* buf, int size, unsigned char** dnptrs, unsigned char** last_dnptr);
#define dn_comp __dn_comp
int dn_expand(const unsigned char* msg, const unsigned char* eom, const unsigned char* src, char* dst, int size);
