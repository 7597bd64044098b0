#pragma once
#include "stddef_ext.h"
typedef struct __sFILE FILE;
extern FILE* stdin;
extern FILE* stdout;
extern FILE* stderr;
int printf(const char* fmt, ...);
int fprintf(FILE* f, const char* fmt, ...);
int snprintf(char* buf, size_t size, const char* fmt, ...);
int vsnprintf(char* buf, size_t size, const char* fmt, va_list ap);
int puts(const char* s);
int fputs(const char* s, FILE* f);
size_t fwrite(const void* p, size_t size, size_t n, FILE* f);
size_t fread(void* p, size_t size, size_t n, FILE* f);
FILE* fopen(const char* path, const char* mode);
int fclose(FILE* f);
char* fgets(char* buf, int size, FILE* f);
int fflush(FILE* f);
void perror(const char* s);
int rename(const char* from, const char* to);
int renameat(int from_dirfd, const char* from, int to_dirfd, const char* to);
int renameat2(int from_dirfd, const char* from, int to_dirfd, const char* to, unsigned flags);
#define RENAME_NOREPLACE 1
#define RENAME_EXCHANGE 2
int remove(const char* path);
