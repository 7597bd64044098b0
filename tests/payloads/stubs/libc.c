/* Link-time stand-in for bionic's libc.so: only names and version nodes matter, as with the NDK's stubs. */
void printf(void) {} void fprintf(void) {} void snprintf(void) {} void vsnprintf(void) {} void puts(void) {}
void fputs(void) {} void fwrite(void) {} void fread(void) {} void fopen(void) {} void fclose(void) {}
void fgets(void) {} void fflush(void) {} void perror(void) {}
void malloc(void) {} void calloc(void) {} void realloc(void) {} void free(void) {} void exit(void) {}
void abort(void) {} void atexit(void) {} void atoi(void) {} void strtol(void) {} void strtod(void) {}
void getenv(void) {} void __cxa_atexit(void) {} void __cxa_finalize(void) {}
void memcpy(void) {} void memmove(void) {} void memset(void) {} void memcmp(void) {} void strlen(void) {}
void strcmp(void) {} void strncmp(void) {} void strchr(void) {} void strcpy(void) {} void strdup(void) {}
void strstr(void) {} void strerror(void) {}
void write(void) {} void read(void) {} void close(void) {} void open(void) {} void getpid(void) {}
void gettid(void) {} void syscall(void) {} void clock_gettime(void) {} void __errno(void) {}
void __stack_chk_fail(void) {}
void dl_iterate_phdr(void) {} void qsort(void) {} void lseek(void) {} void unlink(void) {} void __system_property_get(void) {}
void mdemu_missing_one(void) {} void mdemu_missing_two(void) {}
void* stdin; void* stdout; void* stderr; long __stack_chk_guard;
/* C library surface checked by stdio_suite.c. */
void __ctype_get_mb_cur_max(void) {} void __fgets_chk(void) {} void __gnu_strerror_r(void) {}
void __memchr_chk(void) {} void __memrchr_chk(void) {} void __sprintf_chk(void) {} void __stpcpy_chk(void) {}
void __stpncpy_chk(void) {} void __stpncpy_chk2(void) {} void __strcat_chk(void) {} void __strchr_chk(void) {}
void __strlcat_chk(void) {} void __strlcpy_chk(void) {} void __strncat_chk(void) {} void __strncpy_chk(void) {}
void __strncpy_chk2(void) {} void __strrchr_chk(void) {} void __write_chk(void) {} void arc4random(void) {}
void arc4random_buf(void) {} void arc4random_uniform(void) {} void bsearch(void) {} void btowc(void) {}
void clearerr(void) {} void div(void) {} void dprintf(void) {} void drand48(void) {} void duplocale(void) {}
void feof(void) {} void ferror(void) {} void fgetc(void) {} void fgetpos(void) {} void fileno(void) {}
void fmemopen(void) {} void freelocale(void) {} void freopen(void) {} void fscanf(void) {} void fseek(void) {}
void fseeko(void) {} void fsetpos(void) {} void ftell(void) {} void ftello(void) {} void getc(void) {}
void getdelim(void) {} void getline(void) {} void getprogname(void) {} void imaxabs(void) {} void imaxdiv(void) {}
void isalnum(void) {} void isalpha(void) {} void isascii(void) {} void isblank(void) {} void iscntrl(void) {}
void isdigit(void) {} void isgraph(void) {} void islower(void) {} void isprint(void) {} void ispunct(void) {}
void isspace(void) {} void isupper(void) {} void iswalnum(void) {} void iswalpha(void) {} void iswcntrl(void) {}
void iswdigit(void) {} void iswlower(void) {} void iswprint(void) {} void iswpunct(void) {} void iswspace(void) {}
void iswupper(void) {} void iswxdigit(void) {} void isxdigit(void) {} void ldiv(void) {} void lldiv(void) {}
void localeconv(void) {} void lrand48(void) {} void mbrlen(void) {} void mbrtowc(void) {} void mbsinit(void) {}
void mbsrtowcs(void) {} void mbstowcs(void) {} void mbtowc(void) {} void memmem(void) {} void memrchr(void) {}
void newlocale(void) {} void nl_langinfo(void) {} void nrand48(void) {} void open_memstream(void) {}
void putenv(void) {} void rand(void) {} void rand_r(void) {} void rewind(void) {} void scanf(void) {}
void setenv(void) {} void setlocale(void) {} void setprogname(void) {} void srand(void) {} void srand48(void) {}
void sscanf(void) {} void strcasestr(void) {} void strchrnul(void) {} void strcoll(void) {} void strerror_r(void) {}
void strlcat(void) {} void strncasecmp(void) {} void strpbrk(void) {} void strsep(void) {} void strsignal(void) {}
void strtof(void) {} void strtoimax(void) {} void strtok(void) {} void strtok_r(void) {} void strtold(void) {}
void strtoumax(void) {} void strxfrm(void) {} void tmpfile(void) {} void toascii(void) {} void tolower(void) {}
void toupper(void) {} void towlower(void) {} void towupper(void) {} void ungetc(void) {} void unsetenv(void) {}
void uselocale(void) {} void vsscanf(void) {} void wcrtomb(void) {} void wcscat(void) {} void wcschr(void) {}
void wcscmp(void) {} void wcscpy(void) {} void wcslen(void) {} void wcsncmp(void) {} void wcsncpy(void) {}
void wcsrchr(void) {} void wcsrtombs(void) {} void wcsstr(void) {} void wcstod(void) {} void wcstol(void) {}
void wcstombs(void) {} void wcstoul(void) {} void wctob(void) {} void wctomb(void) {} void wmemchr(void) {}
void wmemcmp(void) {} void wmemcpy(void) {} void wmemmove(void) {} void wmemset(void) {}
void swprintf(void) {}
void __strcpy_chk(void) {} void fgetwc(void) {} void ungetwc(void) {} void fputws(void) {} void fwprintf(void) {} void wcstok(void) {} void memccpy(void) {} void mempcpy(void) {}
char** environ; const char* _ctype_;
