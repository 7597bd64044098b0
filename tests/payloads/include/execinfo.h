/* execinfo.h (bionic, API 33), for mdemu's test sysroot. */
#pragma once
int backtrace(void** buffer, int size);
char** backtrace_symbols(void* const* buffer, int size);
void backtrace_symbols_fd(void* const* buffer, int size, int fd);
