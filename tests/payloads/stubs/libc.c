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
