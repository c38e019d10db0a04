#!/usr/bin/env bash
# Runs every check and test of Ping Desk on a Debian/Ubuntu machine,
# installing what is missing first: formatting, lints, the Rust tests (the
# keychain ones against a real Secret Service), the UI's unit tests, the
# GitHub workflows (actionlint) with the release scripts' tests, the
# end-to-end tests of the real window, the Linux packages (built, installed,
# started, removed) and the installed app's update to the next version, and
# the Windows build with the test suites run as Windows programs under Wine.
# Ends with one summary line.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$repo_root"

ensure_all
ensure_tauri_driver

log "cargo fmt --check"
cargo fmt --all -- --check

log "cargo clippy (warnings are errors)"
cargo clippy --workspace --all-targets --locked -- -D warnings

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
failed=0

log "cargo test (in a D-Bus session with a Secret Service, for the keychain tests)"
bash scripts/with-secret-service.sh cargo test --workspace --locked --no-fail-fast 2>&1 | tee "$results/cargo" || failed=1

log "UI unit tests (node --test)"
node --test --test-reporter=tap tests/ui/ 2>&1 | tee "$results/ui" || failed=1

log "Workflows: actionlint (with ShellCheck) and the release scripts' tests"
bash scripts/lint-workflows.sh 2>&1 | tee "$results/workflows" || failed=1

log "End-to-end tests (tauri-driver, WebKitWebDriver, Xvfb)"
bash scripts/e2e.sh 2>&1 | tee "$results/e2e" || failed=1

log "Linux packages and the update: build, install, start, update, remove (tests/packaging/run.sh)"
bash tests/packaging/run.sh 2>&1 | tee "$results/packaging" || failed=1

log "Windows: cross-build and the Rust test suites under Wine (no window)"
bash scripts/windows.sh 2>&1 | tee "$results/windows-cargo" || failed=1

# One closing line over every runner, so the run is judged on all of them.
awk '
  FILENAME ~ /cargo$/ && /^test result:/ {
    for (i = 1; i <= NF; i++) {
      if ($(i) ~ /^passed/) p += $(i-1)
      if ($(i) ~ /^failed/) f += $(i-1)
      if ($(i) ~ /^ignored/) s += $(i-1)
    }
  }
  FILENAME !~ /cargo$/ && /^# pass [0-9]+$/ { p += $3 }
  FILENAME !~ /cargo$/ && /^# fail [0-9]+$/ { f += $3 }
  FILENAME !~ /cargo$/ && /^# skipped [0-9]+$/ { s += $3 }
  END { printf "\ntests: %d passed, %d failed, %d skipped\n", p, f, s }
' "$results/cargo" "$results/ui" "$results/workflows" "$results/e2e" "$results/packaging" "$results/windows-cargo"
exit "$failed"
