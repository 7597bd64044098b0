#!/usr/bin/env bash
# Rebuilds the test payloads (and the qemu reference binary) from tests/payloads/src into OUT
# (default: tests/fixtures/lib). Needs clang and lld; output is reproducible (no build id, fixed paths).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here/../fixtures/lib}"
mkdir -p "$out/stubs" "$out/arm64-v8a" "$out/x86_64" "$out/bin"
target=--target=aarch64-linux-android34
common=(-w -fno-builtin -fPIC -O2 -nostdlib -fuse-ld=lld -Wl,--build-id=none -ffile-prefix-map="$here"=. -fdebug-prefix-map="$here"=.)
for lib in libc libm libdl liblog libvm_payload libbinder_ndk; do
  clang "$target" -shared "${common[@]}" -Wl,--version-script="$here/stubs/$lib.map" -Wl,-soname,$lib.so \
    -o "$out/stubs/$lib.so" "$here/stubs/$lib.c"
done
# The crtbegin_so.o every NDK library starts with (hidden atexit, pthread_atfork and __dso_handle); built aside.
crt="$(mktemp -d)"
trap 'rm -rf "$crt"' EXIT
clang "$target" -c "${common[@]}" -fno-stack-protector -o "$crt/crtbegin_so.o" "$here/crt/crtbegin_so.c"
# NDK-like payload flags: shared, PIC, RELR packing, 16 KiB pages, stack protector as the NDK enables it.
payload=(-shared "${common[@]}" -isystem "$here/include" -nostdlibinc -isystem "$(clang -print-resource-dir)/include"
         -fstack-protector-strong -Wl,--pack-dyn-relocs=relr -Wl,-z,max-page-size=16384 -L"$out/stubs" "$crt/crtbegin_so.o")
# One payload per line keeps parallel additions apart.
payloads=(
  hello segv abort spin exit42 unresolved nomain compute calls suite zstd_user
  threads threads_exit threads_crash threads_spin threads_bench
  sodium_user ndk_imports
  tflite_user
  objectbox_user
  mmkv_user
  fault_resume
  sqlite_user boringssl_user ffi_user ndk_link
  openblas_user opencv_user ffmpeg_user
  files_suite
  stdio_suite fortify
  signals
  racy
  thread_stress
  io_suite
  instance_suite
  dice
  vsock_suite
  hostile
  costs
  exit_status
  code_rewrite
  hardening_suite
  libm_conformance
  libm_bench
  process_suite
  fork_suite
  fork_bench
  printf_huge
  fork_stop
  fork_inherit
  long_rows
  sort_r
  protections
)
for src in "${payloads[@]}"; do
  clang "$target" "${payload[@]}" -o "$out/arm64-v8a/lib$src.so" "$here/src/$src.c" -lc -lm -ldl -llog -lvm_payload
done
# Payloads serving or using binder objects through libbinder_ndk.
for src in binder_local binder_service; do
  clang "$target" "${payload[@]}" -o "$out/arm64-v8a/lib$src.so" "$here/src/$src.c" -lc -llog -lvm_payload -lbinder_ndk
done
# ELF TLS (clang 14 defaults to emulated TLS for Android): the TLS suite needs libtls_dep.so (DT_NEEDED) and
# dlopens libtls_late.so. Then emulated TLS, as older NDKs compiled it.
# A library whose constructor exits, and the payload that dlopens it.
clang "$target" "${payload[@]}" -o "$out/arm64-v8a/libexit_ctor.so" "$here/src/exit_ctor.c" -lc
clang "$target" "${payload[@]}" -o "$out/arm64-v8a/libdlopen_exit.so" "$here/src/dlopen_exit.c" -lc -ldl
for src in tls_dep tls_late; do
  clang "$target" "${payload[@]}" -fno-emulated-tls -o "$out/arm64-v8a/lib$src.so" "$here/src/$src.c" -lc
done
clang "$target" "${payload[@]}" -fno-emulated-tls -o "$out/arm64-v8a/libtls_suite.so" "$here/src/tls_suite.c" \
  -L"$out/arm64-v8a" -ltls_dep -lc -lm -ldl -llog -lvm_payload
clang "$target" "${payload[@]}" -femulated-tls -o "$out/arm64-v8a/libtls_emulated.so" "$here/src/tls_emulated.c" \
  -lc -lm -ldl -llog -lvm_payload
# Thread mappings, with a __thread variable in the static TLS at the top of each thread's stack mapping.
clang "$target" "${payload[@]}" -fno-emulated-tls -o "$out/arm64-v8a/libthread_maps.so" "$here/src/thread_maps.c" \
  -lc -lm -ldl -llog -lvm_payload
# The payload the GDB server tests debug: -O0 with DWARF, a DT_NEEDED library, and build ids (a hash of the
# contents, so still reproducible) for tombstones' BuildId.
debug=("${payload[@]/-O2/-O0}" -g -fdebug-compilation-dir=. -Wl,--build-id=sha1)
clang "$target" "${debug[@]}" -o "$out/arm64-v8a/libgdb_dep.so" "$here/src/gdb_dep.c" -lc
clang "$target" "${debug[@]}" -o "$out/arm64-v8a/libgdb_suite.so" "$here/src/gdb_suite.c" -L"$out/arm64-v8a" -lgdb_dep -lc
# A payload that dlopens a library after gdb attached (gdb must learn of it: a library event).
clang "$target" "${debug[@]}" -o "$out/arm64-v8a/libgdb_plugin.so" "$here/src/gdb_plugin.c" -lc
clang "$target" "${debug[@]}" -o "$out/arm64-v8a/libgdb_dlopen.so" "$here/src/gdb_dlopen.c" -lc -ldl
# The same suite with Android's APS2 packing for everything (what NDK builds for older minSdk levels use).
clang "$target" "${payload[@]/--pack-dyn-relocs=relr/--pack-dyn-relocs=android}" -o "$out/arm64-v8a/libsuite_aps2.so" \
  "$here/src/suite.c" -lc -lm -ldl -llog -lvm_payload
# The libc conformance run (issue 12): a portable suite with C cleanups unwound by its own personality
# (-fexceptions), the libraries whose dlopen scopes it checks, bionic's own behaviour, and crash details.
for src in conf_dep conf_global; do
  clang "$target" "${payload[@]}" -o "$out/arm64-v8a/lib$src.so" "$here/src/$src.c" -lc
done
clang "$target" "${payload[@]}" -o "$out/arm64-v8a/libconf_local.so" "$here/src/conf_local.c" -L"$out/arm64-v8a" \
  -lconf_dep -lc
clang "$target" "${payload[@]}" -fexceptions -o "$out/arm64-v8a/libconformance.so" "$here/src/libc_conformance.c" \
  -lc -ldl
clang "$target" "${payload[@]}" -o "$out/arm64-v8a/libbionic_suite.so" "$here/src/libc_bionic_suite.c" -lc -ldl
clang "$target" "${payload[@]}" -o "$out/arm64-v8a/libcrash_detail.so" "$here/src/crash_detail.c" -lc
clang --target=x86_64-linux-android34 -shared "${common[@]}" -o "$out/x86_64/libhello.so" "$here/src/nomain.c"
clang --target=aarch64-linux-gnu -static -nostdlib -ffreestanding -fuse-ld=lld -O2 -Wl,--build-id=none \
  -o "$out/bin/compute_static" "$here/src/compute_static.c"
clang --target=aarch64-linux-gnu -static -nostdlib -ffreestanding -fno-builtin -fuse-ld=lld -O2 -Wl,--build-id=none \
  -ffile-prefix-map="$here"=. -o "$out/bin/strings_static" "$here/src/strings_static.c"
# The thread benchmark kernels against glibc's real pthreads, and the libm conformance payload against glibc's libm,
# for qemu-aarch64 (Debian: gcc-aarch64-linux-gnu).
if [ -d /usr/aarch64-linux-gnu/lib ]; then
  clang --target=aarch64-linux-gnu -static -O2 -fno-builtin -fuse-ld=lld -Wl,--build-id=none -ffile-prefix-map="$here"=. \
    -o "$out/bin/libm_conformance_static" "$here/src/libm_conformance.c" -lm
  clang --target=aarch64-linux-gnu -static -O2 -fno-builtin -fuse-ld=lld -Wl,--build-id=none -ffile-prefix-map="$here"=. \
    -o "$out/bin/libm_bench_static" "$here/src/libm_bench.c" -lm
  clang --target=aarch64-linux-gnu -static -O2 -fuse-ld=lld -Wl,--build-id=none -ffile-prefix-map="$here"=. \
    -o "$out/bin/threads_bench_static" "$here/src/threads_bench_static.c" -lpthread
  clang --target=aarch64-linux-gnu -static -O2 -fuse-ld=lld -Wl,--build-id=none -ffile-prefix-map="$here"=. \
    -o "$out/bin/fork_bench_static" "$here/src/fork_bench.c"
fi
# zlib through the guest's libz.so (a stub with the version nodes of AOSP's libz.map.txt).
clang "$target" -shared "${common[@]}" -Wl,--version-script="$here/stubs/libz.map" -Wl,-soname,libz.so \
  -o "$out/stubs/libz.so" "$here/stubs/libz.c"
clang "$target" "${payload[@]}" -o "$out/arm64-v8a/libzlib_suite.so" "$here/src/zlib_suite.c" -lc -lz
# The row sweep's caller: every system library is DT_NEEDED, so dlsym(RTLD_DEFAULT) sees every row.
clang "$target" "${payload[@]}" -o "$out/arm64-v8a/librowcall.so" "$here/src/rowcall.c" -lc -lm -ldl -llog -lvm_payload \
  -lbinder_ndk -lz
# The row fuzzer's caller: rowcall with a page of unterminated text.
clang "$target" "${payload[@]}" -o "$out/arm64-v8a/librowfuzz.so" -DROW_FUZZ "$here/src/rowcall.c" -lc -lm -ldl -llog -lvm_payload \
  -lbinder_ndk -lz
# Tombstones: a payload (under one name per crash) and the library it needs, without frame pointers, so that
# backtraces take the call frame information; with build ids for the frames' BuildId.
tomb=("${payload[@]}" -fomit-frame-pointer -Wl,--build-id=sha1)
clang "$target" "${tomb[@]}" -o "$out/arm64-v8a/libtombstones_dep.so" "$here/src/tombstones_dep.c" -lc -ldl
clang "$target" "${tomb[@]}" -o "$out/arm64-v8a/libtombstones.so" "$here/src/tombstones.c" -L"$out/arm64-v8a" \
  -ltombstones_dep -lc -ldl
# C++ payloads in the NDK's ABI on the real libc++_shared.so of two NDK releases (fetched from Maven Central).
bash "$here/cxx/build.sh" "$out"
