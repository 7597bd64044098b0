/* bionic's <semaphore.h> for arm64: sem_t is 4 unsigned ints. */
#pragma once
#include <sys/cdefs.h>
#include <time.h>
__BEGIN_DECLS
typedef struct { unsigned int count; int __reserved[3]; } sem_t;
int sem_destroy(sem_t*);
int sem_getvalue(sem_t*, int*);
int sem_init(sem_t*, int, unsigned int);
int sem_post(sem_t*);
int sem_timedwait(sem_t*, const struct timespec*);
int sem_trywait(sem_t*);
int sem_wait(sem_t*);
__END_DECLS
