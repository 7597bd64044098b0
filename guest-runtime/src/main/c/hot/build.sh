#!/usr/bin/env bash
# Builds hot-routines.so (the guest-code part of mdemu's libc) into the guest-runtime resources. Needs clang + lld.
# With unwind tables, as the NDK builds: tombstones unwind out of abort and the other routines by their CFI.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here/../../resources/org/mdemu/guest/bionic/hot-routines.so}"
clang --target=aarch64-linux-android34 -O2 -fasynchronous-unwind-tables -fPIC -shared -nostdlib -ffreestanding -fno-builtin -fuse-ld=lld \
  -Wl,--build-id=none -Wl,-soname,libc.so -ffile-prefix-map="$here"=. -o "$out" "$here/string.c" "$here/math.c" "$here/stdlib.c"
