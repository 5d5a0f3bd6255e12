#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite (lit + GoogleTest) through
# ctest. Extra arguments go to ctest, e.g. `tools/test.sh -L lit` or `-R realloc`.
#
#   tools/test.sh --sanitize [ctest arguments]
# does the same in build-sanitize/, with the checks and the front ends built with
# AddressSanitizer and UndefinedBehaviorSanitizer (docs/robustness.md).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

if [ "${1:-}" = --sanitize ]; then
  shift
  PIXMAPCACHE_BUILD=${PIXMAPCACHE_SANITIZE_BUILD:-$PIXMAPCACHE_ROOT/build-sanitize}
  PIXMAPCACHE_CMAKE_ARGS=(-DPIXMAPCACHE_SANITIZE=address,undefined)
fi

pixmapcache_install_packages
pixmapcache_build
pixmapcache_log "Testing"
cd "$PIXMAPCACHE_BUILD"
ctest --output-on-failure -j "$(nproc)" "$@"
