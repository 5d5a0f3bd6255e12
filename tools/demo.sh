#!/usr/bin/env bash
# Installs what is missing, builds, and scans the bundled example project, a deliberately
# defective legacy pixmap cache (docs/examples/legacy-pixmap-cache), with every
# pixmapcache-* check; then shows what the fix-its would change.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

pixmapcache_install_packages
pixmapcache_build >/dev/null

example="$PIXMAPCACHE_ROOT/docs/examples/legacy-pixmap-cache"
work="$PIXMAPCACHE_BUILD/demo"
plugin="$PIXMAPCACHE_BUILD/lib/libPixmapCacheTidy.so"
clang_tidy=$(command -v clang-tidy-19 || echo /usr/lib/llvm-19/bin/clang-tidy)
sources=(keyarray.cpp glyphatlas.cpp thumbnailcache.cpp)

# A copy of the example, so the fix-its can be applied and compared with the original.
rm -rf "$work" && mkdir -p "$work"
cp -r "$example" "$work/original"
cp -r "$example" "$work/fixed"
for tree in original fixed; do
  cmake -S "$work/$tree" -B "$work/$tree/build" -DCMAKE_CXX_COMPILER=clang++-19 >/dev/null
done

cat <<INTRO

pixmapcache-tidy demo
=====================
The example is a small legacy pixmap cache, built like QtGui itself: release, without
exceptions. Each finding below names its check; notes explain why it matters here and
what to use instead.

Checks: $("$clang_tidy" --load="$plugin" --checks='-*,pixmapcache-*' --list-checks | tail -n +2 | xargs)

INTRO

findings=0
for source in "${sources[@]}"; do
  pixmapcache_log "Scanning $source"
  output=$("$clang_tidy" --load="$plugin" --checks='-*,pixmapcache-*' --quiet \
             -p "$work/original/build" "$work/original/$source" 2>/dev/null)
  if [ -n "$output" ]; then
    printf '%s\n\n' "$output"
    findings=$((findings + $(grep -c ': warning: ' <<<"$output")))
  else
    printf 'no findings\n\n'
  fi
  "$clang_tidy" --load="$plugin" --checks='-*,pixmapcache-*' --quiet --fix \
    -p "$work/fixed/build" "$work/fixed/$source" >/dev/null 2>&1
done

pixmapcache_log "What the fix-its change"
(cd "$work" && diff -ru --exclude=build original fixed) || true
echo
pixmapcache_log "$findings findings in ${#sources[@]} files"
