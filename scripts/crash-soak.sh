#!/usr/bin/env bash
# The crash soak: builds desk-core's crash test, runs it with KILLS kills of
# desk-sync (default: the test's own short count, as in scripts/test.sh) and
# prints its figures. Fails when a write was lost or duplicated.
#
# Usage: scripts/crash-soak.sh [KILLS]
# Honours CARGO_TARGET_DIR (default ~/.cache/ping-desk/target, as lib.sh).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$repo_root"

kills=${1:-}
if [ -n "$kills" ] && ! [[ "$kills" =~ ^[0-9]+$ ]]; then
  echo "usage: scripts/crash-soak.sh [KILLS]  (KILLS a whole number)" >&2
  exit 2
fi

log "Building the crash test"
test_bin=$(cargo test -p desk-core --locked --test crash --no-run --message-format=json \
  | grep '"name":"crash"' | grep -o '"executable":"[^"]*"' | cut -d'"' -f4 | tail -n 1)
if [ -z "$test_bin" ]; then
  echo "the crash test's binary was not found in cargo's output" >&2
  exit 1
fi

log "Running the crash soak${kills:+ with $kills kills}"
started=$(date +%s)
status=0
output=$(
  if [ -n "$kills" ]; then export CRASH_KILLS=$kills; fi
  "$test_bin" --nocapture --exact killed_mid_delivery_again_and_again_every_write_arrives_once 2>&1
) || status=$?
ended=$(date +%s)

figures=$(printf '%s\n' "$output" | grep '^crash soak:' || true)
if [ -z "$figures" ]; then
  printf '%s\n' "$output" >&2
  echo "the crash test printed no figures" >&2
  exit 1
fi
figure() { printf "%s\n" "$figures" | grep -o " $1=[^ ]*" | cut -d= -f2; }
printf '\nkills:                      %s\n' "$(figure kills)"
printf 'kills with sends in flight: %s\n' "$(figure kills_in_flight)"
printf 'writes queued:              %s\n' "$(figure writes_queued)"
printf 'landed during the kills:    %s (creates and comments on the server)\n' "$(figure landed_during_kills)"
printf 'lost:                       %s\n' "$(figure lost)"
printf 'duplicated:                 %s\n' "$(figure duplicated)"
printf 'time:                       %s s (test), %s s (run)\n' "$(figure seconds)" "$((ended - started))"
if [ "$status" -ne 0 ]; then
  printf '%s\n' "$output" | grep -E 'panicked|assert' >&2 || true
fi
exit "$status"
