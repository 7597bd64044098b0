/* net/if.h (bionic), for mdemu's test sysroot. */
#pragma once
unsigned if_nametoindex(const char* name);
char* if_indextoname(unsigned index, char* name);
