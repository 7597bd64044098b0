#pragma once
#include "stddef_ext.h"
void* memcpy(void* d, const void* s, size_t n);
void* memmove(void* d, const void* s, size_t n);
void* memset(void* d, int c, size_t n);
int memcmp(const void* a, const void* b, size_t n);
size_t strlen(const char* s);
int strcmp(const char* a, const char* b);
int strncmp(const char* a, const char* b, size_t n);
char* strchr(const char* s, int c);
char* strcpy(char* d, const char* s);
char* strdup(const char* s);
char* strstr(const char* h, const char* n);
char* strerror(int e);
