#!/usr/bin/env bash
# Ping Desk's Linux packages against a bare Tauri app's (benches/hello-tauri),
# both release builds made in the same run: the .deb and .rpm sizes, the
# installed size, then start-up of the INSTALLED binaries (both .debs
# installed with apt, benches/app-startup.mjs run against /usr/bin/ping-desk
# and /usr/bin/hello-tauri), then both packages purged. Prints Markdown for
# docs/benchmarks.md. Installs and removes packages system-wide (as root, or
# through sudo); refuses where either is already installed.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$repo_root"

ensure_all
ensure_tauri_driver

for package in ping-desk hello-tauri; do
  if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'ok installed'; then
    echo "bench-packages.sh: $package is installed on this machine; remove it first" >&2
    exit 1
  fi
done

apt() { as_root env DEBIAN_FRONTEND=noninteractive apt-get -y -q -o DPkg::Lock::Timeout=300 "$@"; }
work=$(mktemp -d)
installed=()
cleanup() {
  [ ${#installed[@]} -eq 0 ] || apt purge "${installed[@]}" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

log "Ping Desk's release packages"
started=$(date +%s)
bash scripts/package.sh --out "$work/packages" >/dev/null
desk_build_s=$(($(date +%s) - started))

log "The bare app's release .deb"
bundle_dir="$CARGO_TARGET_DIR/release/bundle/deb"
mkdir -p "$bundle_dir"
touch "$work/mark"
started=$(date +%s)
(cd benches/hello-tauri && "$repo_root/node_modules/.bin/tauri" build --ci --bundles deb --config '{"bundle":{"active":true}}')
hello_build_s=$(($(date +%s) - started))
hello_deb=$(find "$bundle_dir" -maxdepth 1 -name 'Hello Tauri_*.deb' -newer "$work/mark" | head -n 1)
[ -n "$hello_deb" ] || { echo "bench-packages.sh: the bare app's .deb was not made" >&2; exit 1; }
cp "$hello_deb" "$work/packages/hello-tauri.deb"

log "The sandbox the start-up benchmark connects Ping Desk to"
cargo build --locked -p ping-sandbox

desk_deb=$(echo "$work"/packages/ping-desk_*.deb)
desk_rpm=$(echo "$work"/packages/ping-desk-*.rpm)
hello_deb=$work/packages/hello-tauri.deb
mib() { awk -v b="$1" 'BEGIN { printf "%.2f MiB", b / 1048576 }'; }
size() { stat -c %s "$1"; }
installed_kib() { dpkg-deb --show --showformat '${Installed-Size}' "$1"; }
binary_size() { dpkg-deb --contents "$1" | awk -v p="usr/bin/$2" '$6 == p || $6 == "./" p { print $3 }'; }
echo
echo "| measure | Ping Desk | bare Tauri app (same run) | ratio (target ≤ 1.5) |"
echo "|---|---|---|---|"
echo "| .deb | $(mib "$(size "$desk_deb")") | $(mib "$(size "$hello_deb")") | $(awk -v a="$(size "$desk_deb")" -v b="$(size "$hello_deb")" 'BEGIN { printf "%.2f", a / b }') |"
echo "| .rpm | $(mib "$(size "$desk_rpm")") | | |"
echo "| installed size (the .deb's Installed-Size) | $(mib $(($(installed_kib "$desk_deb") * 1024))) | $(mib $(($(installed_kib "$hello_deb") * 1024))) | $(awk -v a="$(installed_kib "$desk_deb")" -v b="$(installed_kib "$hello_deb")" 'BEGIN { printf "%.2f", a / b }') |"
echo "| of which the binary | $(mib "$(binary_size "$desk_deb" ping-desk)") | $(mib "$(binary_size "$hello_deb" hello-tauri)") | |"
echo "| release build and bundling, this run | ${desk_build_s} s | ${hello_build_s} s | |"
echo

log "Installing both .debs"
apt install "$desk_deb" "$hello_deb" >/dev/null
installed=(ping-desk hello-tauri)

log "Start-up of the installed binaries"
start_xvfb
# start_xvfb sets its own EXIT trap: purge the packages too.
trap 'kill "$xvfb_pid" 2>/dev/null || true; cleanup' EXIT
BENCH_PING_DESK=/usr/bin/ping-desk BENCH_HELLO=/usr/bin/hello-tauri \
  bash scripts/with-secret-service.sh node benches/app-startup.mjs
