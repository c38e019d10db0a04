#!/usr/bin/env bash
# Windows, as far as a Linux machine can take it: cross-builds the app for
# x86_64-pc-windows-gnu with mingw-w64 (warnings are errors), checks that
# ping-desk.exe is a 64-bit Windows GUI program, then runs the test programs
# of ping-api, desk-core, ping-sandbox and the app's shell (its commands on
# Tauri's mock runtime) as Windows programs under Wine, so file locking,
# paths, SQLite, sockets, child processes, the Credential Manager and the
# sync engine go through Windows' side of the system calls. The app's
# window is not tried: Wine has no WebView2.
#
# Each test program prints its own `test result:` line (cargo's format), so
# scripts/test.sh's closing summary counts them; one that dies before it
# gets a FAILED line of its own. Exits non-zero if the build or any test
# program fails.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$repo_root"

target=x86_64-pc-windows-gnu
crates=(ping-api desk-core ping-sandbox ping-desk)
wine=/usr/lib/wine/wine64
wineserver=/usr/lib/wine/wineserver

# The x86_64 mingw-w64 C toolchain (C code such as SQLite's is compiled for
# Windows too, and it links) and Debian's 64-bit Wine.
ensure_system_packages gcc-mingw-w64-x86-64 wine64
ensure_rust
if ! rustup target list --installed | grep -qx "$target"; then
  log "Adding the Rust target $target"
  rustup target add "$target"
fi

# rustc's warnings are errors in our own crates (cargo caps the lints of
# registry crates). Through RUSTFLAGS rather than a clippy pass: this build
# is needed anyway, while clippy would check every crate once more (about
# 3 min here). With --target, RUSTFLAGS reach only what is built for
# Windows, not the host's build scripts and proc-macros.
export RUSTFLAGS="${RUSTFLAGS:-} -D warnings"
# Line tables only (file and line in backtraces): full debug info made each
# of the ~30 Windows programs 100-300 MB, slower to link and to keep. It
# gives the host's build scripts and proc-macros other fingerprints than
# the Linux build's, so they are built once more, and kept beside those.
export CARGO_PROFILE_DEV_DEBUG=line-tables-only

# main.rs asks for the GUI subsystem (no console window) in release builds
# only; a release build (LTO, one codegen unit) is too slow to cross-build
# here, so the debug build compiles main.rs as release does, and the check
# below proves that the app people run opens no console window.
log "Cross-building the app for Windows ($target)"
cargo rustc --target "$target" --locked -p ping-desk --bin ping-desk -- -C debug-assertions=off
exe="$CARGO_TARGET_DIR/$target/debug/ping-desk.exe"
description=$(file -b "$exe")
echo "ping-desk.exe: $description, $(du -m "$exe" | cut -f1) MB"
case "$description" in
  "PE32+ executable (GUI) x86-64"*"MS Windows"*) ;;
  *) echo "ping-desk.exe is not a 64-bit Windows GUI program: $description" >&2; exit 1 ;;
esac

log "Building the test programs of ${crates[*]} for Windows"
package_args=()
for crate in "${crates[@]}"; do package_args+=(-p "$crate"); done
# From cargo's messages: each test program, its package's folder (where
# cargo would run it, and so do we) and a name for it ("desk-core: crash"),
# and the folder webview2-com-sys's build script copied WebView2Loader.dll to.
built="$CARGO_TARGET_DIR/$target/windows-tests.tsv"
cargo test --target "$target" --locked --no-run --message-format=json "${package_args[@]}" |
  node -e '
    const path = require("path");
    for (const line of require("fs").readFileSync(0, "utf8").split("\n")) {
      if (!line.startsWith("{")) continue;
      const m = JSON.parse(line);
      if (m.reason === "compiler-artifact" && m.profile.test && m.executable) {
        // "path+file:///…/desk-core#0.1.0" or "path+file:///…#ping-desk@0.1.0"
        const [where, version] = m.package_id.split("#");
        const pkg = version.includes("@") ? version.split("@")[0] : path.basename(where);
        const kind = m.target.kind[0];
        const name = kind === "test" ? m.target.name : kind + " " + m.target.name;
        console.log(["test", m.executable, path.dirname(m.manifest_path), pkg + ": " + name].join("\t"));
      } else if (m.reason === "build-script-executed" && /webview2-com-sys/.test(m.package_id)) {
        console.log(["loader", path.join(m.out_dir, "x64")].join("\t"));
      }
    }' | sort -t $'\t' -k 4 >"$built"
grep -q '^test' "$built" || { echo "cargo built no test programs" >&2; exit 1; }

# Windows' DLLs our test programs need that Wine lacks, in one folder on
# WINEPATH. Debian 12's Wine 8 has no bcryptprimitives.dll, without which no
# Rust program starts: a stand-in built from scripts/windows/. The shell's
# tests link WebView2Loader.dll (a gnu-target build loads it at start; the
# window would need the WebView2 runtime, which Wine lacks, but the mock
# runtime's tests never open one): the copy from webview2-com-sys.
log "Building the bcryptprimitives.dll stand-in for Wine 8"
dll_dir="$CARGO_TARGET_DIR/$target/wine-dlls"
mkdir -p "$dll_dir"
x86_64-w64-mingw32-gcc -O2 -Wall -Wextra -Werror -shared -s \
  -o "$dll_dir/bcryptprimitives.dll" \
  scripts/windows/bcryptprimitives.c scripts/windows/bcryptprimitives.def -ladvapi32
loader_dir=$(awk -F '\t' '$1 == "loader" { print $2; exit }' "$built")
cp "${loader_dir:?webview2-com-sys was not built}/WebView2Loader.dll" "$dll_dir/"

# A prefix of our own (created on first use in a few seconds); Wine's
# console noise off; no Mono or Gecko installers; the stand-in DLL. Wine
# maps / to Z:, so the Unix paths compiled into the tests (the desk-sync
# program's, for one) resolve on Z:, the drive of the working folder.
export WINEPREFIX="$HOME/.cache/ping-desk/wine"
export WINEDEBUG=-all
export WINEDLLOVERRIDES="mscoree,mshtml=;bcryptprimitives=n"
export WINEPATH="Z:${dll_dir//\//\\}"
mkdir -p "$WINEPREFIX"
trap '"$wineserver" -k 2>/dev/null || true' EXIT

logs="$CARGO_TARGET_DIR/$target/wine-logs"
rm -rf "$logs" && mkdir -p "$logs"
failed=0
summary=()
while IFS=$'\t' read -r kind program folder name; do
  [ "$kind" = test ] || continue
  log "Under Wine: $name"
  # A bound on a hung program, far above a normal run.
  status=0
  log_file="$logs/$(basename "$program" .exe).log"
  (cd "$folder" && timeout --kill-after=30s 20m "$wine" "$program" </dev/null) 2>&1 |
    tee "$log_file" || status=$?
  result=$(grep '^test result:' "$log_file" | tail -n 1 || true)
  if [ -z "$result" ]; then
    result="test result: FAILED. 0 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out (the program ended with status $status before reporting)"
    echo "$result"
  fi
  [ "$status" -eq 0 ] || failed=1
  summary+=("$name: ${result#test result: }")
done <"$built"

# Wine's own services end a few seconds after the last program.
timeout 60 "$wineserver" -w || true
log "Windows test programs under Wine"
printf '  %s\n' "${summary[@]}" >&2
exit "$failed"
