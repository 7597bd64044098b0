/* bionic's <string.h>, written for mdemu's C++ test payloads. */
#pragma once
#include <sys/cdefs.h>
#include <stddef.h>
#include <xlocale.h>
__BEGIN_DECLS
void* memccpy(void*, const void*, int, size_t);
void* memchr(const void*, int, size_t);
void* memrchr(const void*, int, size_t);
int memcmp(const void*, const void*, size_t);
void* memcpy(void*, const void*, size_t);
void* memmove(void*, const void*, size_t);
void* memset(void*, int, size_t);
void* memmem(const void*, size_t, const void*, size_t);
char* strchr(const char*, int);
char* strrchr(const char*, int);
size_t strlen(const char*);
int strcmp(const char*, const char*);
char* stpcpy(char*, const char*);
char* strcpy(char*, const char*);
char* strcat(char*, const char*);
char* strdup(const char*);
char* strstr(const char*, const char*);
char* strtok(char*, const char*);
char* strtok_r(char*, const char*, char**);
char* strerror(int);
char* strerror_l(int, locale_t);
int strerror_r(int, char*, size_t);
size_t strnlen(const char*, size_t);
char* strncat(char*, const char*, size_t);
char* strndup(const char*, size_t);
int strncmp(const char*, const char*, size_t);
char* stpncpy(char*, const char*, size_t);
char* strncpy(char*, const char*, size_t);
size_t strlcat(char*, const char*, size_t);
size_t strlcpy(char*, const char*, size_t);
size_t strcspn(const char*, const char*);
char* strpbrk(const char*, const char*);
char* strsep(char**, const char*);
size_t strspn(const char*, const char*);
char* strsignal(int);
int strcoll(const char*, const char*);
size_t strxfrm(char*, const char*, size_t);
int strcoll_l(const char*, const char*, locale_t);
size_t strxfrm_l(char*, const char*, size_t, locale_t);
__END_DECLS
