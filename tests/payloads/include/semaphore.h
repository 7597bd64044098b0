#pragma once
#include <time.h>
typedef struct { unsigned int count; int __reserved[3]; } sem_t;
int sem_init(sem_t* s, int shared, unsigned int value);
int sem_destroy(sem_t* s);
int sem_wait(sem_t* s);
int sem_trywait(sem_t* s);
int sem_timedwait(sem_t* s, const struct timespec* abstime);
int sem_post(sem_t* s);
int sem_getvalue(sem_t* s, int* value);
