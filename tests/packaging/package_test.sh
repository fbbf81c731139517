#!/usr/bin/env bash
# The Debian package (CMakeLists.txt, CPack): built from this build tree into a temporary folder,
# then checked as a user's machine would see it: its files, its Depends, the extracted binary run
# with nothing from the build tree, the desktop entry validated, the manual pages listing every
# command in both languages.
#   package_test.sh BUILD_DIR VERSION
set -euo pipefail
build=$1; version=$2
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fail() { echo "package_test: $*"; exit 1; }

(cd "$build" && cpack -G DEB -B "$work/out" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack failed"; }
deb=$(ls "$work"/out/gapmap_"$version"_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || { ls -R "$work/out"; fail "no gapmap_${version}_ARCH.deb"; }
echo "built $(basename "$deb") ($(du -k "$deb" | cut -f1) KB)"

contents=$(dpkg-deb -c "$deb")
for f in ./usr/bin/gapmap ./usr/lib/gapmap/gapmap-full ./usr/share/applications/gapmap.desktop ./usr/share/mime/packages/gapmap.xml \
         ./usr/share/icons/hicolor/scalable/apps/gapmap.svg ./usr/share/icons/hicolor/48x48/apps/gapmap.png \
         ./usr/share/icons/hicolor/256x256/apps/gapmap.png ./usr/share/man/man1/gapmap.1.gz ./usr/share/man/vi/man1/gapmap.1.gz; do
  grep -q " $f\$" <<<"$contents" || fail "the package lacks $f"
done
depends=$(dpkg-deb -f "$deb" Depends)
for d in libgdal fonts-noto-core libglfw3 libcairo2; do
  grep -q "$d" <<<"$depends" || fail "Depends lacks $d: $depends"
done

root="$work/root"
dpkg-deb -x "$deb" "$root"
desktop-file-validate "$root/usr/share/applications/gapmap.desktop" || fail "desktop-file-validate"
gapmap="$root/usr/bin/gapmap"
# The program users start maps no GDAL (issue #15): it renders project files itself and runs
# ../lib/gapmap/gapmap-full for everything else (the commands below go through it).
if readelf -d "$gapmap" | grep NEEDED | grep -Eq 'libgdal|libcairo|libpq'; then fail "usr/bin/gapmap needs GDAL, cairo or libpq"; fi
# From a folder with no build tree near it: catalogues, demo and shaders are inside the binary.
cd "$work"
[ "$("$gapmap" --version)" = "gapmap $version" ] || fail "--version prints '$("$gapmap" --version)'"
report=$("$gapmap" report --lang en) || fail "gapmap report failed"
grep -Eq "^Community communication teams +540 +540" <<<"$report" || fail "report lacks the demo's 540 teams: $report"
"$gapmap" render --out "$work/map.png" --size 320x200 >/dev/null || fail "gapmap render failed"
[ "$(head -c 8 "$work/map.png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] || fail "render wrote no PNG"
"$gapmap" demo "$work/p.gpkg" >/dev/null || fail "gapmap demo failed"
"$gapmap" render "$work/p.gpkg" --out "$work/file.png" --size 320x200 >/dev/null || fail "gapmap render of a project file failed"
[ "$(head -c 8 "$work/file.png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] || fail "render of a project file wrote no PNG"
# The icon: PNG of the size its folder says.
[ "$(od -An -tu1 -j16 -N8 "$root/usr/share/icons/hicolor/48x48/apps/gapmap.png" | tr -s ' ' | sed 's/^ //')" = "0 0 0 48 0 0 0 48" ] \
  || fail "48x48 icon is not 48x48"
# Manual pages: every command of `gapmap --help` has a section, in English and Vietnamese.
for lang in en vi; do
  page=$root/usr/share/man/man1/gapmap.1.gz; [ $lang = vi ] && page=$root/usr/share/man/vi/man1/gapmap.1.gz
  sections=$(zcat "$page" | grep -c '^\.SS gapmap ')
  commands=$("$gapmap" --help --lang $lang | grep -o 'gapmap [a-z][a-z-]*' | grep -v 'gapmap open' | sort -u | wc -l)
  [ "$sections" -eq "$commands" ] && [ "$commands" -ge 5 ] || fail "$lang manual page: $sections sections for $commands commands"
done
zcat "$root/usr/share/man/vi/man1/gapmap.1.gz" | grep -q "nhập dữ liệu" || fail "the Vietnamese manual page is not Vietnamese"
echo "package_test: ok ($(grep -c . <<<"$contents") files; Depends: $depends)"
