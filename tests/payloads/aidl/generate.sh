#!/usr/bin/env bash
# Compiles the AIDL fixtures with Debian's aidl (AOSP's aidl of Android 10: apt-get install aidl) and writes the
# generated sources where the build uses them, or with --check compares a fresh generation with the committed one
# and exits 1 listing every file that differs.
#   org/mdemu/test/*.aidl       -> Java (tests/src/aidl/java) and NDK C++ (tests/payloads/aidl-ndk/{include,src})
#   java-only/org/...           -> Java only: what the NDK backend of this aidl cannot express (IShelf), and
#                                  ICalc, the interface the C payloads implement by hand (binder_calc.h)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
java_out="$here/../../src/aidl/java"
ndk_out="$here/../aidl-ndk"
fresh="$(mktemp -d)"
trap 'rm -rf "$fresh"' EXIT
cd "$here"
stable=(--structured --version=3)
aidl --lang=java "${stable[@]}" -I . -o "$fresh/java" org/mdemu/test/*.aidl
aidl --lang=ndk "${stable[@]}" -I . -o "$fresh/ndk/src" -h "$fresh/ndk/include" org/mdemu/test/*.aidl
(cd java-only && aidl --lang=java -I . -I .. -o "$fresh/java" org/mdemu/test/shelf/*.aidl org/mdemu/test/*.aidl)
if [ "${1:-}" = --check ]; then
  status=0
  for pair in "java:$java_out" "ndk:$ndk_out"; do
    gen="$fresh/${pair%%:*}" committed="${pair#*:}"
    if ! diff -r -q "$gen" "$committed" >/dev/null 2>&1; then
      diff -r -q "$gen" "$committed" | sed "s|$fresh/||; s|$here/../../|tests/|" || true
      status=1
    fi
  done
  [ "$status" = 0 ] && echo "AIDL-generated sources match their .aidl files"
  exit "$status"
fi
rm -rf "$java_out" "$ndk_out"
mkdir -p "$java_out" "$ndk_out"
cp -r "$fresh/java/." "$java_out/"
cp -r "$fresh/ndk/." "$ndk_out/"
