#!/usr/bin/env bash
# Runs every check and test of Ping Desk on a Debian/Ubuntu machine,
# installing what is missing first. Ends with one summary line.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$repo_root"

ensure_all

log "cargo fmt --check"
cargo fmt --all -- --check

log "cargo clippy (warnings are errors)"
cargo clippy --workspace --all-targets --locked -- -D warnings

log "cargo test"
results=$(mktemp)
trap 'rm -f "$results"' EXIT
set +e
cargo test --workspace --locked --no-fail-fast 2>&1 | tee "$results"
status=${PIPESTATUS[0]}
set -e

# One closing line over every test binary, so the run is judged on all of
# them and not on the last binary's count.
awk '/^test result:/ {
       for (i = 1; i <= NF; i++) {
         if ($(i) ~ /^passed/) p += $(i-1)
         if ($(i) ~ /^failed/) f += $(i-1)
         if ($(i) ~ /^ignored/) s += $(i-1)
       }
     }
     END { printf "\ntests: %d passed, %d failed, %d skipped\n", p, f, s }' "$results"
exit "$status"
