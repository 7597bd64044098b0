#!/usr/bin/env bash
# Builds the C++ test payloads as an NDK build would (called by ../build.sh with its output directory):
#  - headers: Debian's LLVM 14 libc++ headers with include/__config_site (the NDK's settings: std::__ndk1), over
#    sysroot/ (bionic's C API for arm64, written for mdemu);
#  - libc++_shared.so: the real one of NDK r25 and of NDK r27, extracted from their AARs into OUT/ndk/<release>/;
#    payloads link against r25's and the APKs carry either;
#  - libunwind.a: LLVM's unwinder built for aarch64-linux-android, linked into each C++ library with its symbols
#    hidden (--exclude-libs), as the NDK's clang driver does;
#  - crtbegin_so.o: __dso_handle and the hidden atexit;
#  - stub libc.so and libdl.so with the LIBC version node for the symbols the C++ code imports (stubs/*.txt).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
payloads="$here/.."
out="$1"
cache="$(bash "$here/fetch.sh")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
target=--target=aarch64-linux-android34
resource="$(clang -print-resource-dir)"

for pair in r25:fbjni-0.5.1 r27:fbjni-0.8.1; do
  release="${pair%%:*}"
  mkdir -p "$out/ndk/$release"
  unzip -p "$cache/${pair#*:}.aar" jni/arm64-v8a/libc++_shared.so > "$out/ndk/$release/libc++_shared.so"
done
echo "dfdbbc6d633d7d7734271ee3b7a288976393ec0ec38f1fedc99360f266ad5279  $out/ndk/r25/libc++_shared.so" | sha256sum -c --status
echo "cd61762848882a16c8244c964a6f396c0caa0b440588a210ce9cc4ab0e6d9f0c  $out/ndk/r27/libc++_shared.so" | sha256sum -c --status

common=(-w -fPIC -O2 -ffile-prefix-map="$payloads"=. -ffile-prefix-map="$work"=. -nostdlibinc
        -isystem "$here/sysroot" -isystem "$resource/include")
cxx=(clang++ "$target" -std=c++17 -nostdinc++ -isystem "$here/include" -isystem /usr/lib/llvm-14/include/c++/v1
     "${common[@]}" -fno-emulated-tls)

# LLVM libunwind 11 from Debian's emscripten package (emscripten's changes are all behind __EMSCRIPTEN__/wasm).
uw="$work/libunwind"
mkdir -p "$uw/obj"
dpkg-deb --fsys-tarfile "$cache/emscripten_3.1.6~dfsg-5_all.deb" \
  | tar -x -C "$uw" ./usr/share/emscripten/system/lib/libunwind
uwsrc="$uw/usr/share/emscripten/system/lib/libunwind"
uwflags=(-funwind-tables -fvisibility=hidden -D_LIBUNWIND_DISABLE_VISIBILITY_ANNOTATIONS -DNDEBUG
         -D_LIBUNWIND_IS_NATIVE_ONLY -I"$uwsrc/include")
for src in libunwind.cpp UnwindLevel1.c UnwindLevel1-gcc-ext.c UnwindRegistersSave.S UnwindRegistersRestore.S; do
  case "$src" in
    *.cpp) "${cxx[@]}" -std=c++11 -fno-exceptions -fno-rtti "${uwflags[@]}" -c "$uwsrc/src/$src" -o "$uw/obj/$src.o" ;;
    *) clang "$target" "${common[@]}" -std=c99 "${uwflags[@]}" -c "$uwsrc/src/$src" -o "$uw/obj/$src.o" ;;
  esac
done
llvm-ar rcsD "$work/libunwind.a" "$uw"/obj/*.o

clang "$target" "${common[@]}" -c "$here/crtbegin_so.c" -o "$work/crtbegin_so.o"

# Stub libc.so and libdl.so: every symbol the C++ code imports, each in its bionic version node (stubs/*.txt lines:
# name, node, and "data" for objects). A node's map block names the nodes it follows, as bionic's map files do.
mkdir -p "$work/stubs"
for lib in libc libdl; do
  awk 'NF { print ($3 == "data" ? "void* " $1 ";" : "void " $1 "(void) {}") }' "$here/stubs/$lib.txt" > "$work/$lib.c"
  awk 'NF { if (!($2 in seen)) { order[n++] = $2; seen[$2] = 1 } names[$2] = names[$2] "    " $1 ";\n" }
       END { prev = ""; for (i = 0; i < n; i++) { v = order[i]; printf "%s {\n  global:\n%s", v, names[v];
             if (i == 0) printf "  local: *;\n"; printf "}%s;\n", prev == "" ? "" : " " prev; prev = v } }' \
    "$here/stubs/$lib.txt" > "$work/$lib.map"
  clang "$target" -shared -w -fPIC -nostdlib -fuse-ld=lld -Wl,--build-id=none -Wl,--version-script="$work/$lib.map" \
    -Wl,-soname,$lib.so -o "$work/stubs/$lib.so" "$work/$lib.c"
done

# NDK-like C++ library flags: shared, RELR, 16 KiB pages, stack protector, libc++_shared.so and the unwinder.
link=(-shared -nostdlib -fuse-ld=lld -Wl,--build-id=none -Wl,--pack-dyn-relocs=relr -Wl,-z,max-page-size=16384
      -Wl,-z,defs -Wl,--exclude-libs,libunwind.a "$work/crtbegin_so.o")
libs=(-L"$out/ndk/r25" -lc++_shared "$work/libunwind.a" -L"$work/stubs" -L"$out/stubs" -lc -lm -ldl)
cxxpayload=("${cxx[@]}" -fstack-protector-strong -I"$payloads/src")
"${cxxpayload[@]}" "${link[@]}" -Wl,-soname,libcxx_shapes.so -o "$out/arm64-v8a/libcxx_shapes.so" \
  "$payloads/src/cxx_shapes.cpp" "${libs[@]}"
for src in cxx_suite cxx_terminate; do
  "${cxxpayload[@]}" "${link[@]}" -o "$out/arm64-v8a/lib$src.so" "$payloads/src/$src.cpp" \
    -L"$out/arm64-v8a" -lcxx_shapes "${libs[@]}"
done

# IFoo's C++ service (tests/payloads/aidl) on the NDK backend: the sources aidl --lang=ndk generated, the NDK's C++
# binder helpers written for tests/payloads/include (after the C++ sysroot, which has the C headers), libbinder_ndk.
aidl=(-I"$payloads/aidl-ndk/include" -idirafter "$payloads/include")
"${cxxpayload[@]}" "${aidl[@]}" "${link[@]}" -o "$out/arm64-v8a/libaidl_foo.so" "$payloads/src/aidl_foo.cpp" \
  "$payloads"/aidl-ndk/src/org/mdemu/test/*.cpp "${libs[@]}" -llog -lvm_payload -lbinder_ndk
