#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite (lit + GoogleTest) through
# ctest. Extra arguments go to ctest, e.g. `tools/test.sh -L lit` or `-R realloc`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

pixmapcache_install_packages
pixmapcache_build
pixmapcache_log "Testing"
cd "$PIXMAPCACHE_BUILD"
ctest --output-on-failure -j "$(nproc)" "$@"
