#!/usr/bin/env bash
# Builds and opens Ping Desk on a Debian/Ubuntu desktop, installing what is
# missing first. Until a Ping key is set up it opens the demo workspace
# (`--demo`); Settings > Leave demo, or "Connect to Ping", switches.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$repo_root"

ensure_all

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No graphical display found (DISPLAY / WAYLAND_DISPLAY are unset)." >&2
  echo "Run this from a desktop session, or start one with: Xvfb :99 & export DISPLAY=:99" >&2
  exit 1
fi

log "Building Ping Desk"
cargo build --locked -p ping-desk
exec "$CARGO_TARGET_DIR/debug/ping-desk" --demo "$@"
