#!/usr/bin/env bash
# Regenerates ui/about/licenses.js, the About screen's list of the
# open-source crates Ping Desk ships and their licences, from Cargo.lock with
# cargo-about (installed here if missing). Run it after any change to
# Cargo.lock: the UI tests fail while the file is out of date.
#
# Included: the ping-desk package's normal dependencies, all the way down,
# on the desktop targets in scripts/about.toml; not build-only or dev-only
# crates, nor the workspace's own crates (Ping Desk itself, MIT).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$repo_root"

CARGO_ABOUT_VERSION=0.9.3

ensure_rust
if [ "$(cargo about --version 2>/dev/null)" != "cargo-about $CARGO_ABOUT_VERSION" ]; then
  log "Installing cargo-about $CARGO_ABOUT_VERSION (once; a few minutes)"
  # The binary is behind the `cli` feature since 0.9.
  cargo install --locked cargo-about --version "$CARGO_ABOUT_VERSION" --features cli
fi

mapfile -t targets < <(sed -n '/^targets = \[/,/^\]/p' scripts/about.toml | grep -o '"[^"]*"' | tr -d '"')
# Every platform's crates, then cargo-about offline: the texts come from the
# crates as published (cargo-about would otherwise look on their
# repositories for missing files), so the same Cargo.lock gives the same file.
log "Fetching every desktop platform's crates"
cargo fetch --locked
log "Listing licences with cargo-about"
json=$(mktemp)
trap 'rm -f "$json"' EXIT
cargo about generate --format json --frozen --fail --config scripts/about.toml --manifest-path Cargo.toml > "$json"
node scripts/licenses.mjs "${targets[@]}" < "$json"
