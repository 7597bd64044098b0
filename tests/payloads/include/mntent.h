/* mntent.h (bionic), for mdemu's test sysroot. */
#pragma once
#include <stdio.h>
struct mntent { char* mnt_fsname; char* mnt_dir; char* mnt_type; char* mnt_opts; int mnt_freq; int mnt_passno; };
int endmntent(FILE* f);
struct mntent* getmntent(FILE* f);
struct mntent* getmntent_r(FILE* f, struct mntent* entry, char* buf, int size);
FILE* setmntent(const char* path, const char* mode);
char* hasmntopt(const struct mntent* entry, const char* option);
