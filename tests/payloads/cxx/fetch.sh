#!/usr/bin/env bash
# Fetches the inputs of the C++ fixtures into a download cache and checks each against its pinned SHA-256:
#  - the NDK's libc++_shared.so of two NDK releases, from AARs on Maven Central that ship it (fbjni: 0.5.1 was built
#    with NDK r25, clang 14.0.6; 0.8.1 with NDK r27, clang 18.0.1), through Maven's own client;
#  - LLVM's libunwind sources (release 11), the unwinder an NDK build links into every C++ library, from Debian's
#    emscripten package (which carries LLVM's runtime sources), through apt.
# Prints the cache directory. Cache: $MDEMU_FIXTURE_CACHE, default ~/.cache/mdemu-fixtures.
set -euo pipefail
cache="${MDEMU_FIXTURE_CACHE:-$HOME/.cache/mdemu-fixtures}"
mkdir -p "$cache"

verify() { # file sha256
  echo "$2  $1" | sha256sum -c --status || { echo "checksum mismatch: $1" >&2; exit 1; }
}

aar() { # group artifact version sha256
  local file="$cache/$2-$3.aar"
  if [ ! -f "$file" ]; then
    mvn -B -q -Dstyle.color=never dependency:copy -Dartifact="$1:$2:$3:aar" -DoutputDirectory="$cache" -Dmdep.overWriteReleases=true >&2
  fi
  verify "$file" "$4"
}
aar com.facebook.fbjni fbjni 0.5.1 e10fe7fc9ced989c41b05ce0468a4ebbc5d1d38616edfe8a016aa07fb8ba4ede
aar com.facebook.fbjni fbjni 0.8.1 2927d8a99d1bce1844677b7d8e6f1d0f33670cfd154c30559fd26e6d155ceb1d

deb="$cache/emscripten_3.1.6~dfsg-5_all.deb"
if [ ! -f "$deb" ]; then
  (cd "$cache" && apt-get download -q=2 emscripten=3.1.6~dfsg-5 >&2)
fi
verify "$deb" 43742f32443a7a5510f6c5d1d2603f07c0ff555b3464f2438ab7ba7fdc85c8fd
echo "$cache"
