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
