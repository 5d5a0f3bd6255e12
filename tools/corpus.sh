#!/usr/bin/env bash
# Runs pixmapcache-scan over real Qt code: Debian bookworm source packages (qt6-base's QtGui
# and QtCore sources, then KDE/Qt applications), with SARIF output per package. Not part of
# ctest: it needs the network and takes long. docs/real-world-results.md has the triage.
#
#   tools/corpus.sh [PACKAGE...]     (default: every package below)
#
# As root on a fresh bookworm machine (or with sudo). Idempotent: what is fetched, installed
# or configured stays in $PIXMAPCACHE_CORPUS_DIR (default: ../corpus next to the checkout,
# never inside it) and is not done again. Results: $PIXMAPCACHE_CORPUS_DIR/results/PACKAGE.sarif,
# PACKAGE.txt (one finding a line) and a summary on stdout.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
CORPUS=${PIXMAPCACHE_CORPUS_DIR:-$(dirname "$PIXMAPCACHE_ROOT")/corpus}
COMPILE_DB="python3 $PIXMAPCACHE_ROOT/tools/corpus/compile_db.py"
JOBS=$(nproc)

# Package, how its compilation database is made: qt (hand-written entries, see
# compile_db.py), cmake (configure only) or qmake (make -n); and for a project too large to
# scan its whole API subset, the pattern its units must match.
PACKAGES=(
  "qt6-base qt"
  "konsole cmake"
  "okular cmake"
  "kimageformats cmake"
  "krita cmake QPixmapCache|QCache<|QtConcurrent|\\brealloc *\\("
  "qpdfview qmake"
)
# qt6-base: the directories of QtGui and QtCore with the cache, image and painting code.
QT_GUI_DIRS="src/gui/image src/gui/painting"
QT_CORE_DIRS="src/corelib/tools"

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo

# deb-src lines for the archive the machine already uses: a copy of its deb entries.
enable_deb_src() {
  local list=/etc/apt/sources.list.d/pixmapcache-corpus-src.sources
  [ -f "$list" ] && return 0
  pixmapcache_log "Enabling deb-src in $list"
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources | $SUDO tee "$list" >/dev/null
  else
    grep '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' |
      $SUDO tee "${list%.sources}.list" >/dev/null
    $SUDO touch "$list"
  fi
  $SUDO apt-get update -qq
}

install_tools() {
  local missing=()
  for p in dpkg-dev time; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
    --no-install-recommends "${missing[@]}"
}

# Unpacks the package's source into $CORPUS/src and prints its directory. Falls back to the
# upstream tarball alone when the archive serves it but not the Debian part.
fetch_source() {
  local package=$1 dir
  dir=$(find "$CORPUS/src" -maxdepth 1 -type d -name "$package-[0-9]*" | head -1)
  if [ -z "$dir" ]; then
    (cd "$CORPUS/src" && apt-get source -qq --download-only "$package" >&2) || true
    local dsc orig version
    dsc=$(ls "$CORPUS/src/${package}"_*.dsc | head -1)
    version=$(sed -n 's/^Version: \(.*:\)\?\([^-]*\).*/\2/p' "$dsc")
    if ! (cd "$CORPUS/src" && dpkg-source -x --no-check "$dsc" >&2); then
      orig=$(ls "$CORPUS/src/${package}_"*.orig.tar.* | grep -v '\.asc$' | head -1)
      pixmapcache_log "$package: the Debian part is missing from the archive; unpacking $orig alone"
      mkdir -p "$CORPUS/src/$package-$version"
      tar xf "$orig" -C "$CORPUS/src/$package-$version" --strip-components=1
    fi
    dir=$(find "$CORPUS/src" -maxdepth 1 -type d -name "$package-[0-9]*" | head -1)
  fi
  echo "$dir"
}

install_build_deps() {
  local package=$1 stamp="$CORPUS/build/$1.build-deps"
  [ -f "$stamp" ] && return 0
  pixmapcache_log "$package: installing build dependencies"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get build-dep -y -qq --no-install-recommends \
    "$package" >/dev/null
  touch "$stamp"
}

# Writes $build/scan/compile_commands.json: the units to scan.
compile_db_qt() {
  local src=$1 build=$2 db=$2/all.json
  if [ ! -f "$db" ]; then
    $COMPILE_DB qt --src "$src" --build "$build" --module Gui -o "$db" \
      $(cd "$src" && ls $(printf '%s/*.cpp ' $QT_GUI_DIRS) |
        grep -v -E '_(win|mac|darwin|ios|neon|sse[0-9]*|ssse3|avx[0-9]*|mips_dsp|lsx)\.cpp$')
    $COMPILE_DB qt --src "$src" --build "$build" --module Core -o "$db" \
      $(cd "$src" && ls $(printf '%s/*.cpp ' $QT_CORE_DIRS))
  fi
  $COMPILE_DB select --db "$db" --src "$src" -o "$build/selected.json"
}

compile_db_cmake() {
  local src=$1 build=$2
  if [ ! -f "$build/compile_commands.json" ]; then
    # Configure only, and without precompiled headers: a configure-only tree has none to load.
    # Without origin dependencies the moc/uic targets below do not build the libraries the
    # target links.
    cmake -S "$src" -B "$build" -G Ninja -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
      -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF -DCMAKE_DISABLE_PRECOMPILE_HEADERS=ON \
      -DCMAKE_AUTOGEN_ORIGIN_DEPENDS=OFF \
      -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 >"$build.configure.log"
  fi
  $COMPILE_DB select --db "$build/compile_commands.json" --src "$src" ${ONLY:+--only "$ONLY"} \
    -o "$build/selected.json"
  local targets target
  targets=$($COMPILE_DB autogen --db "$build/selected.json")
  if [ -z "$ONLY" ]; then
    # The `*_autogen` targets, with the headers they depend on (kconfig_compiler's settings
    # headers among them).
    [ -z "$targets" ] || ninja -C "$build" -k 0 $targets >"$build.autogen.log" 2>&1 || true
  else
    for target in $targets; do
      run_autogen "$build" "$target" >>"$build.autogen.log" 2>&1 || true
    done
  fi
}

# Runs moc and uic for one CMake `*_autogen` target, without building what the target depends
# on in ninja: in krita, whose units are picked by a pattern, ninja builds most of the
# libraries first. The sources that the build generates and autogen reads are generated first,
# one by one, as autogen names them.
run_autogen() {
  local build=$1 target=$2 info dir output missing attempt
  info=$(find "$build" -path "*/CMakeFiles/$target.dir/AutogenInfo.json" | head -1)
  [ -n "$info" ] || return 1
  dir=$(dirname "$(dirname "$(dirname "$info")")")
  for attempt in $(seq 50); do
    output=$(cd "$dir" && cmake -E cmake_autogen "$info" Release 2>&1) && return 0
    missing=$(sed -n 's/.*The source file "BIN:\/\(.*\)" does not exist.*/\1/p' <<<"$output")
    [ -n "$missing" ] || { echo "$target: $output"; return 1; }
    ninja -C "$build" "$missing" || return 1
  done
  return 1
}

compile_db_qmake() {
  local src=$1 build=$2
  if [ ! -f "$build/all.json" ]; then
    # qpdfview's main program (application.pro), the part with QCache and QtConcurrent.
    (cd "$build" && /usr/lib/qt5/bin/qmake "$src/application.pro" >"$build.configure.log" 2>&1 &&
      make -k compiler_moc_header_make_all compiler_uic_make_all compiler_rcc_make_all \
        >"$build.autogen.log" 2>&1 || true)
    $COMPILE_DB make --build "$build" --src "$src" -o "$build/all.json"
  fi
  $COMPILE_DB select --db "$build/all.json" --src "$src" -o "$build/selected.json"
}

# qpixmapcache.cpp again as a build with exceptions and as a debug build: there Q_CHECK_PTR
# does check, and the realloc finding of the release build must go away.
scan_qt_variants() {
  local src=$1 build=$2
  for variant in exceptions debug; do
    mkdir -p "$build/$variant"
    $COMPILE_DB qt --src "$src" --build "$build/$variant" --module Gui --variant "$variant" \
      -o "$build/$variant/compile_commands.json" src/gui/image/qpixmapcache.cpp
    "$PIXMAPCACHE_BUILD/bin/pixmapcache-scan" -p "$build/$variant" --source-root="$src" \
      --fail-on=none --format=sarif -o "$CORPUS/results/qt6-base-$variant.sarif"
    python3 "$PIXMAPCACHE_ROOT/tools/corpus/findings.py" "$CORPUS/results/qt6-base-$variant.sarif" \
      >"$CORPUS/results/qt6-base-$variant.txt"
  done
}

scan_package() {
  local package=$1 method=$2 src build
  src=$(fetch_source "$package")
  build="$CORPUS/build/$package"
  mkdir -p "$build"
  [ "$method" = qt ] || install_build_deps "$package"
  pixmapcache_log "$package: compilation database ($method)"
  "compile_db_$method" "$src" "$build"
  $COMPILE_DB compiling --db "$build/selected.json" -o "$build/scan/compile_commands.json" \
    -j "$JOBS" 2>"$build.dropped.log" || true
  tail -1 "$build.dropped.log" >&2
  if grep -q '^0 of ' "$build.dropped.log"; then
    pixmapcache_log "$package: no unit compiles, nothing to scan (see $build.dropped.log)"
    return 0
  fi
  pixmapcache_log "$package: scanning"
  "$PIXMAPCACHE_BUILD/bin/pixmapcache-scan" -p "$build/scan" -j "$JOBS" --source-root="$src" \
    --fail-on=none --format=sarif -o "$CORPUS/results/$package.sarif"
  python3 "$PIXMAPCACHE_ROOT/tools/corpus/findings.py" "$CORPUS/results/$package.sarif" \
    >"$CORPUS/results/$package.txt"
  [ "$method" = qt ] && scan_qt_variants "$src" "$build"
  echo "$(basename "$src"): $(grep -c . "$CORPUS/results/$package.txt") findings in" \
    "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' \
      "$build/scan/compile_commands.json") units"
}

main() {
  local wanted=("$@")
  pixmapcache_install_packages
  pixmapcache_build
  install_tools
  enable_deb_src
  mkdir -p "$CORPUS/src" "$CORPUS/build" "$CORPUS/results"
  # Some packages' configure steps write files into the current directory (a stray
  # test.tif): not into the checkout.
  cd "$CORPUS"
  for entry in "${PACKAGES[@]}"; do
    read -r package method ONLY <<<"$entry"
    if [ ${#wanted[@]} -eq 0 ] || [[ " ${wanted[*]} " == *" $package "* ]]; then
      scan_package "$package" "$method"
    fi
  done
}

main "$@"
