/* langinfo.h for mdemu's test sysroot (bionic item numbers), declared from the public API. */
#pragma once
typedef int nl_item;
#define CODESET 1
#define D_FMT 3
#define DAY_1 8
#define ABMON_12 45
#define RADIXCHAR 51
char* nl_langinfo(nl_item item);
