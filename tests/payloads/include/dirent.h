/* dirent.h of bionic: struct dirent is laid out like linux_dirent64. */
#pragma once
#include <sys/types.h>
struct dirent {
  uint64_t d_ino;
  int64_t d_off;
  unsigned short d_reclen;
  unsigned char d_type;
  char d_name[256];
};
#define DT_CHR 2
#define DT_DIR 4
#define DT_REG 8
#define DT_LNK 10
typedef struct DIR DIR;
DIR* opendir(const char* path);
DIR* fdopendir(int fd);
struct dirent* readdir(DIR* dir);
int readdir_r(DIR* dir, struct dirent* entry, struct dirent** result);
int closedir(DIR* dir);
void rewinddir(DIR* dir);
int dirfd(DIR* dir);
long telldir(DIR* dir);
void seekdir(DIR* dir, long position);
int scandir(const char* path, struct dirent*** namelist, int (*filter)(const struct dirent*),
            int (*compare)(const struct dirent**, const struct dirent**));
int alphasort(const struct dirent** a, const struct dirent** b);
