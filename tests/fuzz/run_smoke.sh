#!/usr/bin/env bash
# One fuzz_smoke_* test (tests/fuzz/CMakeLists.txt): runs FUZZER with the given libFuzzer flags,
# prints how many inputs it executed, and fails when the fuzzer failed or executed fewer than FLOOR
# inputs — a smoke run that stopped early (time cap, a broken corpus path) must not pass as tested.
#   run_smoke.sh FLOOR FUZZER [libFuzzer args...]
set -uo pipefail
floor=$1; fuzzer=$2; shift 2
log=$(mktemp); trap 'rm -f "$log"' EXIT
"$fuzzer" "$@" >"$log" 2>&1
status=$?
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
name=$(basename "$fuzzer")
if [ "$status" -ne 0 ]; then
  cat "$log"
  echo "$name: FAILED (exit $status) after ${runs:-?} inputs"
  exit 1
fi
if [ -z "$runs" ] || [ "$runs" -lt "$floor" ]; then
  tail -20 "$log"
  echo "$name: executed ${runs:-no} inputs, below the floor of $floor"
  exit 1
fi
echo "$name: executed $runs inputs (floor $floor)"
