#pragma once
#include <sys/cdefs.h>
#include <bits/types.h>
__BEGIN_DECLS
#define DT_UNKNOWN 0
#define DT_FIFO 1
#define DT_CHR 2
#define DT_DIR 4
#define DT_BLK 6
#define DT_REG 8
#define DT_LNK 10
#define DT_SOCK 12
struct dirent { uint64_t d_ino; int64_t d_off; unsigned short d_reclen; unsigned char d_type; char d_name[256]; };
typedef struct DIR DIR;
DIR* opendir(const char*);
DIR* fdopendir(int);
struct dirent* readdir(DIR*);
int closedir(DIR*);
void rewinddir(DIR*);
int dirfd(DIR*);
__END_DECLS
