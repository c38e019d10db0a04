#!/usr/bin/env bash
# The installed app updates itself, and refuses a forged update.
#
# Builds the .deb of this version (N) and of N+1 with a throwaway
# update-signing key and a loopback update feed, installs N with apt, and
# runs tests/packaging/update.test.mjs: the installed app checks the feed,
# refuses a tampered package and one signed by another key (staying on N),
# then downloads, verifies and installs N+1 and reports it. The package is
# purged at the end. Needs root (or sudo): it installs packages.
set -euo pipefail
source "$(dirname "$0")/../../scripts/lib.sh"
cd "$repo_root"

# sudo: how the updater installs a .deb when no graphical prompt (pkexec)
# is there, as on this headless machine.
ensure_all sudo
ensure_tauri_driver

work=$(mktemp -d)
cleanup() {
  as_root apt-get purge -y -q ping-desk >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

tauri=node_modules/.bin/tauri
version=$(node -p "require('./tauri.conf.json').version")
next=$(node -p "const [a, b, c] = '$version'.split('.').map(Number); [a, b, c + 1].join('.')")

log "Throwaway update-signing keys: the trusted one and a stranger's"
"$tauri" signer generate --ci -p '' -w "$work/trusted.key" >/dev/null
"$tauri" signer generate --ci -p '' -w "$work/stranger.key" >/dev/null

port=$(node -e "const s = require('net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })")
node -e '
  const fs = require("fs");
  const [pubkey, port, out] = process.argv.slice(1);
  fs.writeFileSync(out, JSON.stringify({ plugins: { updater: {
    pubkey: fs.readFileSync(pubkey, "utf8").trim(),
    endpoints: [`http://127.0.0.1:${port}/latest.json`],
    dangerousInsecureTransportProtocol: true,
  } } }));
' "$work/trusted.key.pub" "$port" "$work/updater.json"

log "Packages of $version and $next that trust the throwaway key"
bash scripts/package.sh --debug --config "$work/updater.json" --out "$work/$version"
bash scripts/package.sh --debug --config "$work/updater.json" --version "$next" --out "$work/$next"
old_deb=$(ls "$work/$version"/*.deb)
new_deb=$(ls "$work/$next"/*.deb)

log "Signing $next: with the trusted key, and with the stranger's"
"$tauri" signer sign -f "$work/trusted.key" -p '' --app-version "$next" "$new_deb" >/dev/null
cp "$new_deb" "$work/stranger.deb"
"$tauri" signer sign -f "$work/stranger.key" -p '' --app-version "$next" "$work/stranger.deb" >/dev/null

log "Installing $version with apt"
as_root apt-get install -y -q "$old_deb" >/dev/null

start_xvfb
export PING_DESK_UPDATE_PORT=$port PING_DESK_OLD_VERSION=$version PING_DESK_NEW_VERSION=$next
export PING_DESK_OLD_DEB=$old_deb PING_DESK_NEW_DEB=$new_deb
export PING_DESK_NEW_SIG="$new_deb.sig" PING_DESK_STRANGER_SIG="$work/stranger.deb.sig"
log "Updating the installed app"
bash scripts/with-secret-service.sh node --test --test-concurrency=1 --test-reporter=tap tests/packaging/update.test.mjs
