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
/* Streams, scanf and the rest of stdio used by stdio_suite.c. */
#define EOF (-1)
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
typedef off_t fpos_t;
int sprintf(char* buf, const char* fmt, ...);
int dprintf(int fd, const char* fmt, ...);
int vdprintf(int fd, const char* fmt, va_list ap);
int sscanf(const char* s, const char* fmt, ...);
int vsscanf(const char* s, const char* fmt, va_list ap);
int fscanf(FILE* f, const char* fmt, ...);
int vfscanf(FILE* f, const char* fmt, va_list ap);
int scanf(const char* fmt, ...);
int fgetc(FILE* f);
int getc(FILE* f);
int getchar(void);
int ungetc(int c, FILE* f);
int fputc(int c, FILE* f);
int fseek(FILE* f, long offset, int whence);
int fseeko(FILE* f, off_t offset, int whence);
long ftell(FILE* f);
off_t ftello(FILE* f);
void rewind(FILE* f);
int fgetpos(FILE* f, fpos_t* pos);
int fsetpos(FILE* f, const fpos_t* pos);
int feof(FILE* f);
int ferror(FILE* f);
void clearerr(FILE* f);
int fileno(FILE* f);
ssize_t getline(char** line, size_t* capacity, FILE* f);
ssize_t getdelim(char** line, size_t* capacity, int delimiter, FILE* f);
FILE* freopen(const char* path, const char* mode, FILE* f);
FILE* tmpfile(void);
FILE* fmemopen(void* buf, size_t size, const char* mode);
FILE* open_memstream(char** buf, size_t* size);
FILE* fdopen(int fd, const char* mode);
char* __fgets_chk(char* buf, int size, FILE* f, size_t buffer_size);
int __sprintf_chk(char* buf, int flags, size_t buffer_size, const char* fmt, ...);
