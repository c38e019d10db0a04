#!/usr/bin/env bash
# Start-up of the release build with the staff window in English and in
# chiShona, same run (benches/i18n-startup.mjs). Prints a Markdown table for
# docs/benchmarks.md.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$repo_root"

ensure_all
ensure_tauri_driver

log "Building the release app and the sandbox"
cargo build --locked --release -p ping-desk
cargo build --locked -p ping-sandbox

start_xvfb

log "Measuring"
bash scripts/with-secret-service.sh node benches/i18n-startup.mjs
