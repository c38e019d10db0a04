#!/usr/bin/env bash
# The Linux packages as users get them, and the update from one version to
# the next, as part of the README's test command.
#
# Builds the debug .deb and .rpm of this version (N) and of N+1 with a
# throwaway update-signing key and a loopback update feed baked in (as a
# release's would have the release key and GitHub's feed); runs
# tests/packaging/linux.sh on N's packages (install with apt, what they lay
# down, lintian, the installed app's first screen, removal, the .rpm); then
# installs N again and runs tests/packaging/update.test.mjs: the installed
# app refuses a tampered package and one signed by another key (staying on
# N), then downloads, verifies and installs N+1 and reports it. The package
# is purged at the end. Needs root (or sudo): it installs packages. Prints
# TAP ("# pass N" / "# fail N"); exits 1 on a failure.
set -euo pipefail
source "$(dirname "$0")/../../scripts/lib.sh"
cd "$repo_root"

# sudo: how the updater installs a .deb when no graphical prompt (pkexec)
# is there, as on this headless machine.
ensure_all sudo
ensure_tauri_driver

if dpkg-query -W -f='${Status}' ping-desk 2>/dev/null | grep -q 'ok installed'; then
  echo "1..0 # SKIP ping-desk is already installed here; these tests would replace and purge it"
  echo "# skipped 1"
  exit 0
fi

work=$(mktemp -d)
xvfb_pid=
cleanup() {
  as_root apt-get purge -y -q ping-desk >/dev/null 2>&1 || true
  [ -z "$xvfb_pid" ] || kill "$xvfb_pid" 2>/dev/null || true
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

failed=0
log "The packages: install, contents, lintian, first screen, removal"
bash tests/packaging/linux.sh --packages "$work/$version" || failed=1

log "Installing $version with apt"
as_root apt-get install -y -q "$old_deb" >/dev/null

start_xvfb
# start_xvfb sets its own EXIT trap; ours (which also ends Xvfb) comes back.
trap cleanup EXIT
export PING_DESK_UPDATE_PORT=$port PING_DESK_OLD_VERSION=$version PING_DESK_NEW_VERSION=$next
export PING_DESK_OLD_DEB=$old_deb PING_DESK_NEW_DEB=$new_deb
export PING_DESK_NEW_SIG="$new_deb.sig" PING_DESK_STRANGER_SIG="$work/stranger.deb.sig"
log "Updating the installed app"
bash scripts/with-secret-service.sh node --test --test-concurrency=1 --test-reporter=tap tests/packaging/update.test.mjs || failed=1
exit "$failed"
