#!/usr/bin/env bash
# The libc conformance run's reference: builds tests/payloads/src/libc_conformance.c (and the libraries it dlopens)
# against glibc for aarch64 and runs it under qemu-aarch64. Every check must pass there too, so a check that only
# mdemu passes is caught. Needs clang, lld, qemu-user and the arm64 cross glibc (Debian: libc6-dev-arm64-cross).
# glibc converts UTF-16/UTF-32 with loadable gconv modules, which the cross sysroot lacks: those checks are
# compiled out (-DNO_GCONV) here.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
sysroot=/usr/aarch64-linux-gnu
if ! command -v qemu-aarch64 >/dev/null 2>&1 || [ ! -d "$sysroot/lib" ]; then
  echo "reference: qemu-aarch64 or $sysroot missing" >&2
  exit 1
fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
cc=(clang --target=aarch64-linux-gnu -fuse-ld=lld -O2 -w)
"${cc[@]}" -shared -fPIC -o "$out/libconf_dep.so" "$here/src/conf_dep.c"
"${cc[@]}" -shared -fPIC -o "$out/libconf_global.so" "$here/src/conf_global.c"
"${cc[@]}" -shared -fPIC -o "$out/libconf_local.so" "$here/src/conf_local.c" -L"$out" -lconf_dep -Wl,-rpath,'$ORIGIN'
"${cc[@]}" -fexceptions -rdynamic -DREFERENCE_MAIN -DNO_GCONV -o "$out/libc_conformance" "$here/src/libc_conformance.c" \
  -Wl,-rpath,'$ORIGIN' -lresolv -lpthread -ldl -lgcc_s
export TMPDIR="$out"
if ! output="$(cd "$out" && timeout 120 qemu-aarch64 -L "$sysroot" ./libc_conformance 2>&1)"; then
  echo "$output" | grep -v '^ok '
  echo "reference: libc_conformance failed against glibc" >&2
  exit 1
fi
echo "$output" | tail -n 1
