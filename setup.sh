#!/usr/bin/env bash
# Sets up a Debian 12 machine for gapmap, builds it, and runs the demo or the tests.
#   bash setup.sh run    install, build, run the main job on the embedded synthetic demo
#   bash setup.sh test   install, build, run every test (what CI runs); then the whole suite again
#                        under ASan+UBSan (build-asan) and every fuzz target's smoke run (build-fuzz)
set -euo pipefail
cd "$(dirname "$0")"
mode=${1:-run}

packages=(cmake g++ make pkg-config libgdal-dev gdal-bin libsqlite3-dev libgeos-dev libproj-dev
          libicu-dev catch2 libimgui-dev libglfw3-dev libcairo2-dev libstb-dev libpng-dev zlib1g-dev libegl-dev libgl-dev
          libglu1-mesa-dev libgl1-mesa-dri
          libfreetype-dev fonts-noto-core fonts-dejavu-core xvfb xauth poppler-utils sqlite3 libxlsxwriter-dev
          clang libclang-rt-14-dev dpkg-dev desktop-file-utils
          libpq-dev postgresql-15-postgis-3)  # a project on a server (PG:…) and its [pg] tests' throwaway cluster
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup.sh: installing ${missing[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

started=$SECONDS
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"

case "$mode" in
  run)
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
      # A desktop: the map dashboard on the synthetic demo province.
      build/gapmap
    else
      # No display: the figures, then the same map drawn headless (EGL surfaceless).
      build/gapmap report
      build/gapmap render --out demo-map.png
      echo "setup.sh: the demo map is in $(pwd)/demo-map.png"
    fi
    ;;
  test)
    # Each stage prints its time (README, "Fuzzing and sanitizers").
    stage() { echo "setup.sh: $1 took $((SECONDS - started)) s"; started=$SECONDS; }
    stage "the build"
    (cd build && ctest --output-on-failure --no-tests=error -j"$(nproc)")
    stage "the test suite"
    # The whole suite again, everything (the `gapmap` processes it starts included) built with
    # AddressSanitizer + UndefinedBehaviorSanitizer; any report fails the test that caused it.
    cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGAPMAP_SANITIZE=ON >/dev/null
    cmake --build build-asan -j"$(nproc)"
    stage "the sanitizer build"
    (cd build-asan && ctest --output-on-failure --no-tests=error -j"$(nproc)")
    stage "the test suite under ASan+UBSan"
    # Every libFuzzer target over its seed corpus, bounded (tests/fuzz, one ctest test each).
    cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGAPMAP_FUZZ=ON \
          -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ >/dev/null
    cmake --build build-fuzz -j"$(nproc)"
    stage "the fuzz build"
    (cd build-fuzz && ctest --output-on-failure --no-tests=error -j"$(nproc)")
    stage "the fuzz smoke runs"
    ;;
  *)
    echo "usage: bash setup.sh run|test" >&2
    exit 2
    ;;
esac
