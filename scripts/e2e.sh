#!/usr/bin/env bash
# End-to-end tests: the real app window under Xvfb, driven through
# tauri-driver and WebKitWebDriver, with a real Secret Service for the key,
# against a sandbox process. Screenshots land in docs/screenshots/.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$repo_root"

ensure_all
if ! command -v tauri-driver >/dev/null; then
  log "Installing tauri-driver"
  cargo install tauri-driver --locked
fi
command -v WebKitWebDriver >/dev/null || { echo "WebKitWebDriver missing (package webkit2gtk-driver)" >&2; exit 1; }

log "Building the app and the sandbox"
cargo build --locked -p ping-desk -p ping-sandbox

# A private X display, so the tests never draw on someone's desktop.
display=$((100 + RANDOM % 100))
Xvfb ":$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
trap 'kill $xvfb_pid 2>/dev/null || true' EXIT
export DISPLAY=":$display"
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

log "End-to-end tests"
bash scripts/with-secret-service.sh node --test --test-concurrency=1 tests/e2e/
