#!/usr/bin/env bash
# Start-up and memory benchmark of the desktop app against a bare Tauri
# hello-world (benches/hello-tauri), both release builds, in the same run.
# Prints a Markdown table for docs/benchmarks.md.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$repo_root"

ensure_all
ensure_tauri_driver

log "Building release binaries"
cargo build --locked --release -p ping-desk -p hello-tauri
cargo build --locked -p ping-sandbox

start_xvfb

log "Measuring"
bash scripts/with-secret-service.sh node benches/app-startup.mjs
