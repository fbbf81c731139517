#!/bin/sh
# side_by_side.sh: whole-process time and peak memory of `gapmap render` beside a QGIS render of
# the same GeoPackage layer, same size, same extent (the layer's, in Web Mercator), runs interleaved
# (gapmap, QGIS, gapmap, QGIS …) so that a busy machine weighs on both alike. Wall time and peak RSS
# come from /usr/bin/time -f "%e %M" (seconds, KiB) around each whole process: start-up, dynamic
# linking, reading, drawing and PNG writing included.
#
# usage: bench/side_by_side.sh PROJECT.gpkg [ROUNDS] [WIDTHxHEIGHT]
#   GAPMAP=path/to/gapmap (default: build/gapmap beside this script's repository)
#   QGIS_PYTHON=/usr/bin/python3 (the Python that has the qgis module; python3-qgis in Debian)
#   LAYER=admin_units (the layer QGIS draws; gapmap draws its own map of the project)
# Without QGIS's Python, gapmap alone is measured and the script says so. Exits 1 when any run fails
# (its stderr is shown), 2 on wrong usage. Output images go to a temporary directory, kept with
# KEEP=1 to look at them.
set -u

usage() { echo "usage: $0 PROJECT.gpkg [ROUNDS] [WIDTHxHEIGHT]" >&2; exit 2; }
[ $# -ge 1 ] || usage
project=$1
rounds=${2:-5}
size=${3:-1280x800}
width=${size%x*}
height=${size#*x}
case "$rounds$width$height" in *[!0-9]*|"") usage ;; esac
[ -f "$project" ] || { echo "side_by_side: $project: no such file" >&2; exit 1; }

here=$(cd "$(dirname "$0")" && pwd)
gapmap=${GAPMAP:-$here/../build/gapmap}
qgis_python=${QGIS_PYTHON:-/usr/bin/python3}
layer=${LAYER:-admin_units}
[ -x "$gapmap" ] || { echo "side_by_side: $gapmap is not an executable (build it, or set GAPMAP)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "side_by_side: /usr/bin/time is missing (Debian package: time)" >&2; exit 1; }

qgis=0
if "$qgis_python" -c "import qgis.core" 2>/dev/null; then
    qgis=1
else
    echo "side_by_side: QGIS's Python ($qgis_python with the qgis module, Debian python3-qgis) is not installed: gapmap alone"
fi

work=$(mktemp -d)
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT
failed=0

# run NAME ROUND COMMAND…: one timed whole process; appends "seconds kib" to $work/NAME.times.
run() {
    name=$1 round=$2
    shift 2
    if /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/out" 2>&1; then
        cat "$work/time" >>"$work/$name.times"
        printf '  round %s  %-6s %6s s %8s MB\n' "$round" "$name" "$(cut -d' ' -f1 "$work/time")" \
            "$(awk '{printf "%.0f", $2 / 1024}' "$work/time")"
    else
        echo "side_by_side: FAILED: $name, round $round: $*" >&2
        sed 's/^/    /' "$work/out" >&2
        failed=1
    fi
}

echo "side_by_side: $project, ${width}x${height}, $rounds rounds interleaved; $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg)"
echo "  gapmap: $gapmap render $project --out OUT.png --size ${width}x${height}"
[ $qgis = 1 ] && echo "  QGIS $("$qgis_python" -c 'from qgis.core import Qgis; print(Qgis.QGIS_VERSION)' 2>/dev/null): $qgis_python $here/qgis_render.py $project $layer OUT.png $width $height (QT_QPA_PLATFORM=offscreen)"
i=1
while [ "$i" -le "$rounds" ]; do
    run gapmap "$i" "$gapmap" render "$project" --out "$work/gapmap-$i.png" --size "${width}x${height}"
    [ $qgis = 1 ] && run qgis "$i" env QT_QPA_PLATFORM=offscreen "$qgis_python" "$here/qgis_render.py" "$project" "$layer" "$work/qgis-$i.png" "$width" "$height"
    i=$((i + 1))
done

# summary NAME: "min median max" of seconds, then of MB.
summary() {
    [ -s "$work/$1.times" ] || return 1
    for column in 1 2; do
        cut -d' ' -f$column "$work/$1.times" | sort -n | awk -v mb=$((column == 2)) '
            { v[NR] = mb ? $1 / 1024 : $1 }
            END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
                  printf mb ? "%.0f %.0f %.0f\n" : "%.2f %.2f %.2f\n", v[1], m, v[NR] }'
    done | paste -sd' '
}

echo
printf '  %-8s %26s %26s\n' "" "wall s: min median max" "peak RSS MB: min median max"
g=$(summary gapmap) && printf '  %-8s %8s %8s %8s %8s %8s %8s\n' gapmap $g
if [ $qgis = 1 ] && q=$(summary qgis); then
    printf '  %-8s %8s %8s %8s %8s %8s %8s\n' QGIS $q
    if [ -n "$g" ]; then
        set -- $g $q
        # gapmap / QGIS on the medians: below 1 gapmap is faster (lighter).
        awk -v gt="$2" -v qt="$8" -v gm="$5" -v qm="${11}" 'BEGIN {
            printf "  ratio gapmap / QGIS (medians): time %.2f, peak RSS %.2f\n", gt / qt, gm / qm }'
    fi
fi
[ "${KEEP:-0}" = 1 ] && echo "  images kept in $work"
[ $failed = 0 ] || { echo "side_by_side: some runs FAILED (see above)" >&2; exit 1; }
exit 0
