#!/usr/bin/env bash
# Start-up and memory benchmark of the desktop app against a bare Tauri
# hello-world (benches/hello-tauri), both release builds, in the same run.
# Prints a Markdown table for docs/benchmarks.md.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$repo_root"

ensure_all
command -v tauri-driver >/dev/null || cargo install tauri-driver --locked

log "Building release binaries"
cargo build --locked --release -p ping-desk -p hello-tauri
cargo build --locked -p ping-sandbox

display=$((100 + RANDOM % 100))
Xvfb ":$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
trap 'kill $xvfb_pid 2>/dev/null || true' EXIT
export DISPLAY=":$display"
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

log "Measuring"
bash scripts/with-secret-service.sh node benches/app-startup.mjs
