#!/usr/bin/env bash
# Longer fuzz runs (README, "Fuzzing and sanitizers"): every fuzz target in a fuzz build tree for
# SECONDS each, one after the other at low priority, starting from the committed seeds and keeping
# what it finds in BUILD/long-corpus/TARGET. Prints one line per target: executions, coverage, corpus.
#   tests/fuzz/run_long.sh [BUILD=build-fuzz] [SECONDS=180]
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build-fuzz}
seconds=${2:-180}
printf '%-24s %10s %8s %8s %8s %7s  %s\n' target executions exec/s cov ft corpus result
for fuzzer in "$build"/tests/fuzz/fuzz_*; do
  [ -x "$fuzzer" ] && [ -f "$fuzzer" ] || continue
  name=$(basename "$fuzzer")
  corpus="$build/long-corpus/$name"
  log="$build/long-$name.log"
  mkdir -p "$corpus"
  seeds=()
  [ -d "tests/fuzz/corpus/$name" ] && seeds=("tests/fuzz/corpus/$name")
  result=ok
  nice -n 19 "$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
       -artifact_prefix="$build/long-$name-" "$corpus" "${seeds[@]}" >"$log" 2>&1 || result="FAILED (see $log)"
  last=$(grep -E '^#[0-9]+' "$log" | tail -1)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  files=$(find "$corpus" -type f | wc -l)
  printf '%-24s %10s %8s %8s %8s %7s  %s\n' "$name" "${runs:-?}" "${speed:-?}" "${cov:-?}" "${ft:-?}" "$files" "$result"
done
