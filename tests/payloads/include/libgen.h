/* libgen.h (bionic): the POSIX basename and dirname (the GNU basename is __gnu_basename). */
#pragma once
char* basename(const char* path);
char* dirname(const char* path);
