/* POSIX threads in bionic's arm64 (LP64) layout, written for mdemu's C++ test payloads. */
#pragma once
#include <sys/cdefs.h>
#include <bits/types.h>
#include <time.h>
#include <sched.h>
__BEGIN_DECLS
typedef struct { uint32_t flags; void* stack_base; size_t stack_size; size_t guard_size; int32_t sched_policy;
                 int32_t sched_priority; char __reserved[16]; } pthread_attr_t;
typedef struct { int32_t __private[10]; } pthread_mutex_t;
typedef long pthread_mutexattr_t;
typedef struct { int32_t __private[12]; } pthread_cond_t;
typedef long pthread_condattr_t;
typedef struct { int32_t __private[14]; } pthread_rwlock_t;
typedef long pthread_rwlockattr_t;
typedef struct { int64_t __private[4]; } pthread_barrier_t;
typedef int pthread_barrierattr_t;
typedef struct { int64_t __private; } pthread_spinlock_t;
typedef int pthread_key_t;
typedef int pthread_once_t;

#define PTHREAD_MUTEX_INITIALIZER { { 0 } }
#define PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP { { (1 & 3) << 14 } }
#define PTHREAD_ERRORCHECK_MUTEX_INITIALIZER_NP { { (2 & 3) << 14 } }
#define PTHREAD_COND_INITIALIZER { { 0 } }
#define PTHREAD_RWLOCK_INITIALIZER { { 0 } }
#define PTHREAD_ONCE_INIT 0
#define PTHREAD_MUTEX_NORMAL 0
#define PTHREAD_MUTEX_RECURSIVE 1
#define PTHREAD_MUTEX_ERRORCHECK 2
#define PTHREAD_CREATE_JOINABLE 0
#define PTHREAD_CREATE_DETACHED 1
#define PTHREAD_BARRIER_SERIAL_THREAD (-1)

int pthread_create(pthread_t* t, const pthread_attr_t* attr, void* (*start)(void*), void* arg);
int pthread_join(pthread_t t, void** result);
int pthread_detach(pthread_t t);
void pthread_exit(void* value) __attribute__((noreturn));
pthread_t pthread_self(void);
int pthread_equal(pthread_t a, pthread_t b);
pid_t pthread_gettid_np(pthread_t t);
int pthread_kill(pthread_t t, int sig);
int pthread_setname_np(pthread_t t, const char* name);
int pthread_getname_np(pthread_t t, char* buf, size_t size);
int pthread_getattr_np(pthread_t t, pthread_attr_t* attr);

int pthread_attr_init(pthread_attr_t* a);
int pthread_attr_destroy(pthread_attr_t* a);
int pthread_attr_setdetachstate(pthread_attr_t* a, int state);
int pthread_attr_getdetachstate(const pthread_attr_t* a, int* state);
int pthread_attr_setstacksize(pthread_attr_t* a, size_t size);
int pthread_attr_getstacksize(const pthread_attr_t* a, size_t* size);
int pthread_attr_setstack(pthread_attr_t* a, void* base, size_t size);
int pthread_attr_getstack(const pthread_attr_t* a, void** base, size_t* size);
int pthread_attr_setguardsize(pthread_attr_t* a, size_t size);
int pthread_attr_getguardsize(const pthread_attr_t* a, size_t* size);

int pthread_mutex_init(pthread_mutex_t* m, const pthread_mutexattr_t* attr);
int pthread_mutex_destroy(pthread_mutex_t* m);
int pthread_mutex_lock(pthread_mutex_t* m);
int pthread_mutex_trylock(pthread_mutex_t* m);
int pthread_mutex_unlock(pthread_mutex_t* m);
int pthread_mutex_timedlock(pthread_mutex_t* m, const struct timespec* abstime);
int pthread_mutexattr_init(pthread_mutexattr_t* a);
int pthread_mutexattr_destroy(pthread_mutexattr_t* a);
int pthread_mutexattr_settype(pthread_mutexattr_t* a, int type);

int pthread_cond_init(pthread_cond_t* c, const pthread_condattr_t* attr);
int pthread_cond_destroy(pthread_cond_t* c);
int pthread_cond_wait(pthread_cond_t* c, pthread_mutex_t* m);
int pthread_cond_timedwait(pthread_cond_t* c, pthread_mutex_t* m, const struct timespec* abstime);
int pthread_cond_signal(pthread_cond_t* c);
int pthread_cond_broadcast(pthread_cond_t* c);
int pthread_condattr_init(pthread_condattr_t* a);
int pthread_condattr_setclock(pthread_condattr_t* a, int clock);
int pthread_condattr_destroy(pthread_condattr_t* a);

int pthread_rwlock_init(pthread_rwlock_t* l, const pthread_rwlockattr_t* attr);
int pthread_rwlock_destroy(pthread_rwlock_t* l);
int pthread_rwlock_rdlock(pthread_rwlock_t* l);
int pthread_rwlock_tryrdlock(pthread_rwlock_t* l);
int pthread_rwlock_wrlock(pthread_rwlock_t* l);
int pthread_rwlock_trywrlock(pthread_rwlock_t* l);
int pthread_rwlock_unlock(pthread_rwlock_t* l);

int pthread_barrier_init(pthread_barrier_t* b, const pthread_barrierattr_t* attr, unsigned count);
int pthread_barrier_destroy(pthread_barrier_t* b);
int pthread_barrier_wait(pthread_barrier_t* b);
int pthread_spin_init(pthread_spinlock_t* s, int pshared);
int pthread_spin_destroy(pthread_spinlock_t* s);
int pthread_spin_lock(pthread_spinlock_t* s);
int pthread_spin_trylock(pthread_spinlock_t* s);
int pthread_spin_unlock(pthread_spinlock_t* s);

int pthread_key_create(pthread_key_t* key, void (*destructor)(void*));
int pthread_key_delete(pthread_key_t key);
void* pthread_getspecific(pthread_key_t key);
int pthread_setspecific(pthread_key_t key, const void* value);
int pthread_once(pthread_once_t* once, void (*init)(void));
int pthread_mutexattr_gettype(const pthread_mutexattr_t*, int*);
int pthread_rwlock_timedrdlock(pthread_rwlock_t*, const struct timespec*);
int pthread_rwlock_timedwrlock(pthread_rwlock_t*, const struct timespec*);
int pthread_atfork(void (*)(void), void (*)(void), void (*)(void));
int pthread_cond_clockwait(pthread_cond_t*, pthread_mutex_t*, clockid_t, const struct timespec*);
int pthread_mutex_clocklock(pthread_mutex_t*, clockid_t, const struct timespec*);
__END_DECLS
