/* wchar.h and wctype.h for mdemu's test sysroot (wchar_t is 4 bytes on Android), declared from the public API. */
#pragma once
#include "stddef_ext.h"
#include "stdio.h"
typedef unsigned int wint_t;
typedef struct { unsigned char __seq[4]; unsigned char __reserved[4]; } mbstate_t;
#define WEOF ((wint_t) -1)
size_t wcslen(const wchar_t* s);
int wcscmp(const wchar_t* a, const wchar_t* b);
int wcsncmp(const wchar_t* a, const wchar_t* b, size_t n);
wchar_t* wcscpy(wchar_t* d, const wchar_t* s);
wchar_t* wcsncpy(wchar_t* d, const wchar_t* s, size_t n);
wchar_t* wcscat(wchar_t* d, const wchar_t* s);
wchar_t* wcschr(const wchar_t* s, wchar_t c);
wchar_t* wcsrchr(const wchar_t* s, wchar_t c);
wchar_t* wcsstr(const wchar_t* h, const wchar_t* n);
wchar_t* wmemcpy(wchar_t* d, const wchar_t* s, size_t n);
wchar_t* wmemmove(wchar_t* d, const wchar_t* s, size_t n);
wchar_t* wmemset(wchar_t* d, wchar_t c, size_t n);
int wmemcmp(const wchar_t* a, const wchar_t* b, size_t n);
wchar_t* wmemchr(const wchar_t* s, wchar_t c, size_t n);
size_t mbrtowc(wchar_t* wc, const char* s, size_t n, mbstate_t* state);
size_t wcrtomb(char* s, wchar_t wc, mbstate_t* state);
size_t mbstowcs(wchar_t* d, const char* s, size_t n);
size_t wcstombs(char* d, const wchar_t* s, size_t n);
int mbtowc(wchar_t* wc, const char* s, size_t n);
int wctomb(char* s, wchar_t wc);
wint_t btowc(int c);
int wctob(wint_t c);
size_t mbrlen(const char* s, size_t n, mbstate_t* state);
int mbsinit(const mbstate_t* state);
size_t mbsrtowcs(wchar_t* d, const char** s, size_t n, mbstate_t* state);
size_t wcsrtombs(char* d, const wchar_t** s, size_t n, mbstate_t* state);
int iswalpha(wint_t c);
int iswdigit(wint_t c);
int iswspace(wint_t c);
int iswupper(wint_t c);
int iswlower(wint_t c);
int iswalnum(wint_t c);
int iswprint(wint_t c);
int iswpunct(wint_t c);
int iswxdigit(wint_t c);
int iswcntrl(wint_t c);
wint_t towlower(wint_t c);
wint_t towupper(wint_t c);
long wcstol(const wchar_t* s, wchar_t** end, int base);
unsigned long wcstoul(const wchar_t* s, wchar_t** end, int base);
double wcstod(const wchar_t* s, wchar_t** end);
int swprintf(wchar_t* buf, size_t n, const wchar_t* fmt, ...);
wint_t fgetwc(FILE* f);
wint_t ungetwc(wint_t c, FILE* f);
int fputws(const wchar_t* s, FILE* f);
int fwprintf(FILE* f, const wchar_t* fmt, ...);
wchar_t* wcstok(wchar_t* s, const wchar_t* delimiters, wchar_t** save);
