#pragma once
#include "stddef_ext.h"
void* malloc(size_t n);
void* calloc(size_t n, size_t size);
void* realloc(void* p, size_t n);
void free(void* p);
void exit(int status) __attribute__((noreturn));
void abort(void) __attribute__((noreturn));
int atexit(void (*fn)(void));
int atoi(const char* s);
long strtol(const char* s, char** end, int base);
double strtod(const char* s, char** end);
char* getenv(const char* name);
void qsort(void* base, size_t n, size_t size, int (*compare)(const void*, const void*));
int mkstemp(char* template_path);
int mkstemps(char* template_path, int suffix_length);
char* mkdtemp(char* template_path);
char* realpath(const char* path, char* resolved);
