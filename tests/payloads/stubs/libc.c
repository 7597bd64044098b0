/* Link-time stand-in for bionic's libc.so: only names and version nodes matter, as with the NDK's stubs. */
void printf(void) {} void fprintf(void) {} void snprintf(void) {} void vsnprintf(void) {} void puts(void) {}
void fputs(void) {} void fwrite(void) {} void fread(void) {} void fopen(void) {} void fclose(void) {}
void fgets(void) {} void fflush(void) {} void perror(void) {}
void posix_memalign(void) {} void malloc(void) {} void calloc(void) {} void realloc(void) {} void free(void) {} void exit(void) {}
void abort(void) {} void atoi(void) {} void strtol(void) {} void strtod(void) {}
void getenv(void) {} void __cxa_atexit(void) {} void __cxa_finalize(void) {} void __register_atfork(void) {}
void memcpy(void) {} void memmove(void) {} void memset(void) {} void memcmp(void) {} void strlen(void) {}
void strcmp(void) {} void strncmp(void) {} void strchr(void) {} void strcpy(void) {} void strdup(void) {}
void strstr(void) {} void strerror(void) {}
void write(void) {} void read(void) {} void close(void) {} void open(void) {} void getpid(void) {}
void gettid(void) {} void syscall(void) {} void clock_gettime(void) {} void __errno(void) {}
void __stack_chk_fail(void) {}
void qsort(void) {} void lseek(void) {} void unlink(void) {} void __system_property_get(void) {}
void mdemu_missing_one(void) {} void mdemu_missing_two(void) {}
void* stdin; void* stdout; void* stderr; long __stack_chk_guard;
/* threads (pthread.h, semaphore.h, sched.h) */
void pthread_create(void) {}
void pthread_join(void) {}
void pthread_detach(void) {}
void pthread_exit(void) {}
void pthread_self(void) {}
void pthread_equal(void) {}
void pthread_gettid_np(void) {}
void pthread_kill(void) {}
void pthread_setname_np(void) {}
void pthread_getattr_np(void) {}
void pthread_attr_init(void) {}
void pthread_attr_destroy(void) {}
void pthread_attr_setdetachstate(void) {}
void pthread_attr_getdetachstate(void) {}
void pthread_attr_setstacksize(void) {}
void pthread_attr_getstacksize(void) {}
void pthread_attr_setstack(void) {}
void pthread_attr_getstack(void) {}
void pthread_attr_setguardsize(void) {}
void pthread_attr_getguardsize(void) {}
void pthread_mutex_init(void) {}
void pthread_mutex_destroy(void) {}
void pthread_mutex_lock(void) {}
void pthread_mutex_trylock(void) {}
void pthread_mutex_unlock(void) {}
void pthread_mutex_timedlock(void) {}
void pthread_mutexattr_init(void) {}
void pthread_mutexattr_destroy(void) {}
void pthread_mutexattr_settype(void) {}
void pthread_cond_init(void) {}
void pthread_cond_destroy(void) {}
void pthread_cond_wait(void) {}
void pthread_cond_timedwait(void) {}
void pthread_cond_signal(void) {}
void pthread_cond_broadcast(void) {}
void pthread_condattr_init(void) {}
void pthread_condattr_setclock(void) {}
void pthread_condattr_destroy(void) {}
void pthread_rwlock_init(void) {}
void pthread_rwlock_destroy(void) {}
void pthread_rwlock_rdlock(void) {}
void pthread_rwlock_tryrdlock(void) {}
void pthread_rwlock_wrlock(void) {}
void pthread_rwlock_trywrlock(void) {}
void pthread_rwlock_unlock(void) {}
void pthread_key_create(void) {}
void pthread_key_delete(void) {}
void pthread_getspecific(void) {}
void pthread_setspecific(void) {}
void pthread_once(void) {}
void sem_init(void) {}
void sem_destroy(void) {}
void sem_wait(void) {}
void sem_trywait(void) {}
void sem_timedwait(void) {}
void sem_post(void) {}
void sem_getvalue(void) {}
void sched_yield(void) {}
void usleep(void) {}
void pthread_barrier_init(void) {}
void pthread_barrier_destroy(void) {}
void pthread_barrier_wait(void) {}
void pthread_spin_init(void) {}
void pthread_spin_destroy(void) {}
void pthread_spin_lock(void) {}
void pthread_spin_trylock(void) {}
void pthread_spin_unlock(void) {}
void pthread_getname_np(void) {}
/* memory locking, poll, fcntl, raise (imports of NDK libraries, docs/NDK-LIBRARIES.md) */
void mmap(void) {} void munmap(void) {} void mlock(void) {} void munlock(void) {} void mlock2(void) {}
void mlockall(void) {} void munlockall(void) {} void poll(void) {} void fcntl(void) {} void raise(void) {}
void pwrite(void) {} void pread(void) {} void readv(void) {} void mkdir(void) {} void chdir(void) {}
void getcwd(void) {} void remove(void) {} void access(void) {} void fstat(void) {} void stat(void) {}
void fstatat(void) {} void ftruncate(void) {} void truncate(void) {} void fsync(void) {} void fdatasync(void) {}
void sync(void) {} void dup(void) {} void dup2(void) {} void dup3(void) {} void chmod(void) {}
void fchmod(void) {} void faccessat(void) {} void utimensat(void) {} void futimens(void) {} void umask(void) {}
void creat(void) {} void rename(void) {} void rmdir(void) {} void unlinkat(void) {} void openat(void) {}
void opendir(void) {} void readdir(void) {} void closedir(void) {} void dirfd(void) {} void telldir(void) {}
void seekdir(void) {} void rewinddir(void) {} void readdir_r(void) {} void fdopendir(void) {} void scandir(void) {}
void alphasort(void) {} void readlink(void) {} void lstat(void) {} void realpath(void) {} void sysinfo(void) {}
void sysconf(void) {} void get_nprocs(void) {} void sched_getaffinity(void) {} void __sched_cpucount(void) {}
void sched_getcpu(void) {} void statfs(void) {} void statvfs(void) {} void fstatvfs(void) {} void mkstemp(void) {}
void mkstemps(void) {} void mkdtemp(void) {} void mremap(void) {}
void msync(void) {}
void madvise(void) {} void prctl(void) {} void getpagesize(void) {} void getrlimit(void) {} void setrlimit(void) {}
void prlimit(void) {} void getrusage(void) {} void clock_getres(void) {} void clock_nanosleep(void) {}
void gettimeofday(void) {} void __system_property_find(void) {} void __system_property_read(void) {}
void __system_property_foreach(void) {} void __system_property_set(void) {} void preadv(void) {}
void pwritev(void) {} void __system_property_read_callback(void) {} void statx(void) {} void renameat2(void) {}
void flock(void) {}
void symlink(void) {} void symlinkat(void) {} void link(void) {} void linkat(void) {}
void fallocate(void) {} void posix_fallocate(void) {} void posix_fadvise(void) {}
void pathconf(void) {} void fpathconf(void) {} void isatty(void) {}
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
char** environ; char* _ctype_;
/* signal.h, setjmp.h */
void sigaction(void) {}
void signal(void) {}
void sigemptyset(void) {}
void sigfillset(void) {}
void sigaddset(void) {}
void sigdelset(void) {}
void sigismember(void) {}
void sigprocmask(void) {}
void pthread_sigmask(void) {}
void sigpending(void) {}
void sigaltstack(void) {}
void kill(void) {}
void setjmp(void) {}
void longjmp(void) {}
void sigsetjmp(void) {}
void siglongjmp(void) {}
/* pipes, eventfds, socket pairs, timerfds, poll/select/epoll */
void pipe(void) {}
void pipe2(void) {}
void eventfd(void) {}
void eventfd_read(void) {}
void eventfd_write(void) {}
void socketpair(void) {}
void socket(void) {}
void bind(void) {}
void listen(void) {}
void accept(void) {}
void accept4(void) {}
void connect(void) {}
void getsockname(void) {}
void getpeername(void) {}
void setsockopt(void) {}
void getsockopt(void) {}
void shutdown(void) {}
void send(void) {}
void recv(void) {}
void sendto(void) {}
void recvfrom(void) {}
void ppoll(void) {}
void select(void) {}
void pselect(void) {}
void epoll_create(void) {}
void epoll_create1(void) {}
void epoll_ctl(void) {}
void epoll_wait(void) {}
void epoll_pwait(void) {}
void timerfd_create(void) {}
void timerfd_settime(void) {}
void timerfd_gettime(void) {}
void writev(void) {}
void sendmsg(void) {}
void recvmsg(void) {}
/* libc_conformance.c, libc_bionic_suite.c and crash_detail.c (issue 12) */
void __libc_current_sigrtmax(void) {} void __libc_current_sigrtmin(void) {}
void __system_property_area_serial(void) {} void __system_property_find_nth(void) {}
void __system_property_serial(void) {} void basename(void) {} void dirname(void) {} void dn_expand(void) {}
void __dn_comp(void) {} void endmntent(void) {} void fdopen(void) {} void fnmatch(void) {} void fputc(void) {}
void ftok(void) {} void fts_children(void) {} void fts_close(void) {} void fts_open(void) {} void fts_read(void) {}
void fts_set(void) {} void ftw(void) {} void getgrgid(void) {} void getgrnam(void) {} void getmntent(void) {}
void getmntent_r(void) {} void getopt(void) {} void getopt_long(void) {} void getpwnam(void) {}
void getpwnam_r(void) {} void getpwuid(void) {} void if_nametoindex(void) {} void inet_addr(void) {}
void inet_aton(void) {} void inet_lnaof(void) {} void inet_makeaddr(void) {} void inet_netof(void) {}
void inet_network(void) {} void inet_ntoa(void) {} void inet_ntop(void) {} void inet_pton(void) {}
void insque(void) {} void lfind(void) {} void localtime_r(void) {} void lsearch(void) {} void mallinfo(void) {}
void malloc_info(void) {} void mktime(void) {} void nftw(void) {} void regcomp(void) {} void regerror(void) {}
void regexec(void) {} void regfree(void) {} void remque(void) {} void setmntent(void) {} void strcat(void) {}
void strftime(void) {} void strptime(void) {} void tdelete(void) {} void tdestroy(void) {} void tfind(void) {}
void timegm(void) {} void times(void) {} void tsearch(void) {} void twalk(void) {} void tzset(void) {}
void __system_property_wait_any(void) {} void freeifaddrs(void) {} void getifaddrs(void) {}
void __system_property_wait(void) {} void getsubopt(void) {} void hasmntopt(void) {} void mallopt(void) {}
void msgget(void) {} void semget(void) {} void shmat(void) {} void shmget(void) {} void glob(void) {}
void globfree(void) {} void hcreate(void) {} void hcreate_r(void) {} void hdestroy(void) {} void hdestroy_r(void) {}
void hsearch(void) {} void hsearch_r(void) {} void iconv(void) {} void iconv_close(void) {} void iconv_open(void) {}
void android_fdtrack_compare_exchange_hook(void) {} void android_unsafe_frame_pointer_chase(void) {}
void __system_properties_init(void) {} void android_fdsan_close_with_tag(void) {}
void android_fdsan_create_owner_tag(void) {} void android_fdsan_exchange_owner_tag(void) {}
void android_fdsan_get_error_level(void) {} void android_fdsan_get_owner_tag(void) {}
void android_fdsan_get_tag_type(void) {} void android_fdsan_get_tag_value(void) {}
void android_fdsan_set_error_level(void) {} void android_get_device_api_level(void) {} void android_mallopt(void) {}
void getloadavg(void) {} void malloc_disable(void) {} void malloc_enable(void) {} void malloc_iterate(void) {}
void _Unwind_Backtrace(void) {} void _Unwind_DeleteException(void) {} void _Unwind_FindEnclosingFunction(void) {}
void _Unwind_ForcedUnwind(void) {} void _Unwind_GetIP(void) {} void _Unwind_GetLanguageSpecificData(void) {}
void _Unwind_GetRegionStart(void) {} void _Unwind_RaiseException(void) {} void _Unwind_Resume(void) {}
void _Unwind_SetGR(void) {} void _Unwind_SetIP(void) {} void __libc_get_static_tls_bounds(void) {}
void __libc_register_thread_exit_callback(void) {} void backtrace(void) {} void backtrace_symbols(void) {}
void android_crash_detail_register(void) {} void android_crash_detail_replace_name(void) {}
void android_crash_detail_unregister(void) {}
long daylight; void* optarg; int opterr; int optind; int optopt; long timezone; char* tzname[2]; void* __free_hook; void* __malloc_hook;
/* processes (sys/wait.h, spawn.h, exec*, popen, system) */
void getppid(void) {}
void wait(void) {}
void waitpid(void) {}
void wait4(void) {}
void waitid(void) {}
void execve(void) {}
void execv(void) {}
void execl(void) {}
void execlp(void) {}
void execvp(void) {}
void execvpe(void) {}
void popen(void) {}
void pclose(void) {}
void system(void) {}
void forkpty(void) {}
void fexecve(void) {}
void posix_spawn(void) {}
void posix_spawnp(void) {}
void posix_spawnattr_init(void) {}
void posix_spawnattr_destroy(void) {}
void posix_spawnattr_setflags(void) {}
void posix_spawnattr_getflags(void) {}
void posix_spawnattr_setpgroup(void) {}
void posix_spawnattr_getpgroup(void) {}
void posix_spawnattr_setsigmask(void) {}
void posix_spawnattr_getsigmask(void) {}
void posix_spawn_file_actions_init(void) {}
void posix_spawn_file_actions_destroy(void) {}
void posix_spawn_file_actions_addopen(void) {}
void posix_spawn_file_actions_addclose(void) {}
void posix_spawn_file_actions_adddup2(void) {}
void fork(void) {}
void vfork(void) {}
void daemon(void) {}
void clone(void) {}
void _exit(void) {}
void setsid(void) {}
void getsid(void) {}
void getpgrp(void) {}
void _Fork(void) {}
