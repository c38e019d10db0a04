#!/usr/bin/env bash
# End-to-end tests: the real app window under Xvfb, driven through
# tauri-driver and WebKitWebDriver, with a real Secret Service for the key,
# against a sandbox process. Screenshots of every screen land in
# artifacts/screenshots/; with --docs, in docs/screenshots/ (the README's).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$repo_root"

ensure_all
ensure_tauri_driver

log "Building the app and the sandbox"
cargo build --locked -p ping-desk -p ping-sandbox

start_xvfb

if [ "${1:-}" = "--docs" ]; then
  export PING_DESK_SCREENSHOTS="$repo_root/docs/screenshots"
fi

log "End-to-end tests"
bash scripts/with-secret-service.sh node --test --test-concurrency=1 tests/e2e/
