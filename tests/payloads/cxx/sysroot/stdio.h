/* bionic's <stdio.h> for arm64 (declarations from the NDK API), written for mdemu's C++ test payloads. */
#pragma once
#include <sys/cdefs.h>
#include <stdarg.h>
#include <bits/types.h>
__BEGIN_DECLS
typedef struct __sFILE FILE;
typedef off_t fpos_t;
typedef off64_t fpos64_t;
extern FILE* stdin;
extern FILE* stdout;
extern FILE* stderr;
#define stdin stdin
#define stdout stdout
#define stderr stderr
#define EOF (-1)
#define BUFSIZ 1024
#define FILENAME_MAX 4096
#define FOPEN_MAX 20
#define L_tmpnam 4096
#define TMP_MAX 308915776
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#define _IOFBF 0
#define _IOLBF 1
#define _IONBF 2
void clearerr(FILE*);
int fclose(FILE*);
int feof(FILE*);
int ferror(FILE*);
int fflush(FILE*);
int fgetc(FILE*);
char* fgets(char*, int, FILE*);
int fprintf(FILE*, const char*, ...) __printflike(2, 3);
int fputc(int, FILE*);
int fputs(const char*, FILE*);
size_t fread(void*, size_t, size_t, FILE*);
int fscanf(FILE*, const char*, ...);
size_t fwrite(const void*, size_t, size_t, FILE*);
int getc(FILE*);
int getchar(void);
ssize_t getdelim(char**, size_t*, int, FILE*);
ssize_t getline(char**, size_t*, FILE*);
void perror(const char*);
int printf(const char*, ...) __printflike(1, 2);
int putc(int, FILE*);
int putchar(int);
int puts(const char*);
int remove(const char*);
void rewind(FILE*);
int scanf(const char*, ...);
void setbuf(FILE*, char*);
int setvbuf(FILE*, char*, int, size_t);
int sscanf(const char*, const char*, ...);
int ungetc(int, FILE*);
int vfprintf(FILE*, const char*, va_list);
int vprintf(const char*, va_list);
int dprintf(int, const char*, ...) __printflike(2, 3);
int vdprintf(int, const char*, va_list);
int sprintf(char*, const char*, ...) __printflike(2, 3);
int vsprintf(char*, const char*, va_list);
char* tmpnam(char*);
char* tempnam(const char*, const char*);
int rename(const char*, const char*);
int renameat(int, const char*, int, const char*);
int fseek(FILE*, long, int);
long ftell(FILE*);
int fgetpos(FILE*, fpos_t*);
int fsetpos(FILE*, const fpos_t*);
int fseeko(FILE*, off_t, int);
off_t ftello(FILE*);
int snprintf(char*, size_t, const char*, ...) __printflike(3, 4);
int vfscanf(FILE*, const char*, va_list);
int vscanf(const char*, va_list);
int vsnprintf(char*, size_t, const char*, va_list);
int vsscanf(const char*, const char*, va_list);
FILE* fopen(const char*, const char*);
FILE* freopen(const char*, const char*, FILE*);
FILE* tmpfile(void);
FILE* fdopen(int, const char*);
int fileno(FILE*);
FILE* fmemopen(void*, size_t, const char*);
FILE* open_memstream(char**, size_t*);
int asprintf(char**, const char*, ...) __printflike(2, 3);
int vasprintf(char**, const char*, va_list);
void flockfile(FILE*);
int ftrylockfile(FILE*);
void funlockfile(FILE*);
int getc_unlocked(FILE*);
int getchar_unlocked(void);
int putc_unlocked(int, FILE*);
int putchar_unlocked(int);
__END_DECLS
