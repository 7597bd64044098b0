/* The NDK release whose libc++ these headers stand for: r25 ships LLVM 14's libc++, the version of Debian's headers. */
#pragma once
#define __NDK_MAJOR__ 25
#define __NDK_MINOR__ 0
#define __NDK_BETA__ 0
#define __NDK_BUILD__ 0
#define __NDK_CANARY__ 0
