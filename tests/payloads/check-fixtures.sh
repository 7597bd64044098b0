#!/usr/bin/env bash
# CI check: rebuild the payload libraries from tests/payloads into a temporary directory and compare them with the
# committed fixtures in tests/fixtures/lib. Exits 1 listing every file that differs.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
committed="$here/../fixtures/lib"
fresh="$(mktemp -d)"
trap 'rm -rf "$fresh"' EXIT
bash "$here/build.sh" "$fresh" >/dev/null 2>&1
status=0
while IFS= read -r -d '' file; do
  rel="${file#"$fresh"/}"
  if ! cmp -s "$file" "$committed/$rel"; then
    echo "fixture differs from what tests/payloads builds: tests/fixtures/lib/$rel"
    status=1
  fi
done < <(find "$fresh" -type f -print0)
[ "$status" = 0 ] && echo "fixtures match their sources"
exit "$status"
