# Shared by tools/test.sh and tools/demo.sh (sourced, not run): installs what the project
# needs on a fresh Debian bookworm machine and builds it, doing nothing that is already done.

PIXMAPCACHE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PIXMAPCACHE_BUILD=${PIXMAPCACHE_BUILD:-$PIXMAPCACHE_ROOT/build}
# Extra arguments for the first configure of $PIXMAPCACHE_BUILD.
PIXMAPCACHE_CMAKE_ARGS=()

if [ -t 2 ]; then
  pixmapcache_log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
else
  pixmapcache_log() { printf '==> %s\n' "$*" >&2; }
fi

# Installs the packages of tools/debian-packages.txt that are not installed yet.
pixmapcache_install_packages() {
  local wanted missing=()
  wanted=$(grep -v -e '^#' -e '^[[:space:]]*$' "$PIXMAPCACHE_ROOT/tools/debian-packages.txt")
  for package in $wanted; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' ||
      missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0

  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "error: run as root or install sudo to install: ${missing[*]}" >&2; return 1; }
    sudo="sudo"
  fi
  pixmapcache_log "Installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# Configures (once) and builds the project in $PIXMAPCACHE_BUILD.
pixmapcache_build() {
  if [ ! -f "$PIXMAPCACHE_BUILD/CMakeCache.txt" ]; then
    pixmapcache_log "Configuring $PIXMAPCACHE_BUILD"
    local generator=()
    command -v ninja >/dev/null && generator=(-G Ninja)
    cmake -S "$PIXMAPCACHE_ROOT" -B "$PIXMAPCACHE_BUILD" "${generator[@]}" \
      "${PIXMAPCACHE_CMAKE_ARGS[@]}" >/dev/null
  fi
  pixmapcache_log "Building"
  cmake --build "$PIXMAPCACHE_BUILD" -j "$(nproc)"
}
