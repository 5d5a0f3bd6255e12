#!/usr/bin/env bash
# Installs what is missing, builds, and scans the bundled example project, a deliberately
# defective legacy pixmap cache (docs/examples/legacy-pixmap-cache), with pixmapcache-scan;
# then shows what the fix-its would change.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

pixmapcache_install_packages
pixmapcache_build >/dev/null

example="$PIXMAPCACHE_ROOT/docs/examples/legacy-pixmap-cache"
work="$PIXMAPCACHE_BUILD/demo"
scan="$PIXMAPCACHE_BUILD/bin/pixmapcache-scan"

# Two copies of the example: one to scan, one to apply the fix-its to and compare.
rm -rf "$work" && mkdir -p "$work"
for tree in original fixed; do
  cp -r "$example" "$work/$tree"
  cmake -S "$work/$tree" -B "$work/$tree/build" -DCMAKE_CXX_COMPILER=clang++-19 >/dev/null
done

cat <<INTRO

pixmapcache-tidy demo
=====================
The example is a small legacy pixmap cache, built like QtGui itself: release, without
exceptions. pixmapcache-scan reads its compile_commands.json and runs every pixmapcache-*
check over it. Each finding names its check; the notes say why it matters in this code and
what to use instead.

INTRO

pixmapcache_log "pixmapcache-scan -p build (in docs/examples/legacy-pixmap-cache)"
(cd "$work/original" && "$scan" -p build) || true
echo
(cd "$work/fixed" && "$scan" -p build --fix >/dev/null 2>&1) || true
pixmapcache_log "What the fix-its change (pixmapcache-scan --fix)"
(cd "$work" && diff -ru --exclude=build original fixed) || true
echo
pixmapcache_log "SARIF for code scanning: pixmapcache-scan -p build --format=sarif -o findings.sarif"
