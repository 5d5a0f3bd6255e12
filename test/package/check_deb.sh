#!/bin/sh
# check_deb.sh BUILD_DIR WORK_DIR CLANG_TIDY: makes the .deb with `cpack -G DEB` as the README
# says, checks that it holds every front end, the pxc package and the docs, that it depends
# on clang-tidy 19, and that the unpacked tools run: the scanner and clangd print their
# version, and the unpacked pixmapcache-clang-tidy loads the unpacked plugin and lists our
# checks.
set -eu
build=$1 work=$2 clang_tidy=$3
rm -rf "$work" && mkdir -p "$work/root"
(cd "$build" && cpack -G DEB -B "$work" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; exit 1; }
deb=$(ls "$work"/pixmapcache-tidy_*_*.deb)
dpkg-deb -c "$deb" | awk '{print $6}' >"$work/contents"
for path in ./usr/bin/pixmapcache-scan ./usr/bin/pixmapcache-clangd ./usr/lib/libPixmapCacheTidy.so \
    ./usr/include/pxc/image_cache.h ./usr/lib/cmake/pxc/pxcConfig.cmake \
    ./usr/bin/pixmapcache-clang-tidy ./usr/bin/pixmapcache-clangd-qtcreator \
    ./usr/share/doc/pixmapcache-tidy/scanner.md \
    ./usr/share/doc/pixmapcache-tidy/checks/pixmapcache-off-thread-access.md; do
  grep -qx "$path" "$work/contents" || { echo "missing from the .deb: $path"; exit 1; }
done
dpkg-deb -f "$deb" Depends | grep -q 'clang-tidy-19' || { echo "the .deb must depend on clang-tidy-19"; exit 1; }
dpkg-deb -x "$deb" "$work/root"
"$work/root/usr/bin/pixmapcache-scan" --version
"$work/root/usr/bin/pixmapcache-clangd" --version | head -n 1
PIXMAPCACHE_CLANG_TIDY="$clang_tidy" "$work/root/usr/bin/pixmapcache-clang-tidy" \
  --checks="-*,pixmapcache-*" --list-checks >"$work/checks"
grep -q pixmapcache-off-thread-access "$work/checks" || { cat "$work/checks"; exit 1; }
echo "deb ok: $(basename "$deb")"
