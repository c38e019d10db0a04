#!/usr/bin/env bash
# The Linux packages as a user gets them: builds the debug-profile .deb and
# .rpm with scripts/package.sh; installs the .deb with apt (its Depends
# resolved for real); checks what it laid down (binary, desktop entry,
# icons, copyright, manual page) and lints it; starts the INSTALLED app under
# Xvfb until its first screen shows and it has written data; removes and
# purges the package, checking that nothing of it is left but the user's
# data; reads the .rpm's metadata, files and requirements with rpm.
# Prints TAP, ending with "# pass N" / "# fail N"; exits 1 on a failure.
#
#   usage: tests/packaging/linux.sh [--packages DIR]
#   --packages DIR  test the ping-desk_*.deb and ping-desk-*.rpm in DIR
#                   instead of building them (e.g. a release build's)
#
# It installs and removes the package `ping-desk` system-wide (as root, or
# through sudo): on a machine where ping-desk is already installed it skips.
set -euo pipefail
source "$(dirname "$0")/../../scripts/lib.sh"
cd "$repo_root"

packages=
if [ "${1:-}" = --packages ]; then
  packages=$(cd "${2:?--packages wants a directory}" && pwd)
fi

started=$(date +%s)
ensure_all "${PACKAGING_PACKAGES[@]}"
ensure_tauri_driver

if dpkg-query -W -f='${Status}' ping-desk 2>/dev/null | grep -q 'ok installed'; then
  echo "1..0 # SKIP ping-desk is already installed here; this test would replace and purge it"
  echo "# skipped 1"
  exit 0
fi

n=0
passes=0
fails=0
ok() { n=$((n + 1)); passes=$((passes + 1)); echo "ok $n - $1"; }
not_ok() {
  n=$((n + 1)); fails=$((fails + 1))
  echo "not ok $n - $1"
  shift
  [ $# -eq 0 ] || printf '%s\n' "$@" | sed 's/^/  # /'
}
# check DESCRIPTION COMMAND...: one TAP line; the command's output explains a failure.
check() {
  local what=$1 output
  shift
  if output=$("$@" 2>&1); then ok "$what"; else not_ok "$what" "$output"; fi
}
finish() {
  echo "1..$n"
  echo "# packaging test took $(($(date +%s) - started)) s"
  echo "# pass $passes"
  echo "# fail $fails"
  [ "$fails" -eq 0 ]
}
apt() { as_root env DEBIAN_FRONTEND=noninteractive apt-get -y -q -o DPkg::Lock::Timeout=300 "$@"; }

work=$(mktemp -d)
installed=
cleanup() {
  # Never leave the test's package installed, whatever failed.
  [ -z "$installed" ] || as_root dpkg --purge ping-desk >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# --- build -------------------------------------------------------------------
if [ -z "$packages" ]; then
  packages=$work/packages
  log "Building the debug .deb and .rpm"
  build_started=$(date +%s)
  if bash scripts/package.sh --debug --out "$packages" >"$work/built" 2>"$work/build.log"; then
    ok "scripts/package.sh --debug builds a .deb and an .rpm ($(($(date +%s) - build_started)) s)"
  else
    not_ok "scripts/package.sh --debug builds a .deb and an .rpm" "$(tail -n 30 "$work/build.log")"
    finish
    exit 1
  fi
fi
debs=("$packages"/ping-desk_*.deb)
rpms=("$packages"/ping-desk-*.rpm)
if [ ${#debs[@]} -ne 1 ] || [ ! -f "${debs[0]}" ] || [ ${#rpms[@]} -ne 1 ] || [ ! -f "${rpms[0]}" ]; then
  not_ok "one .deb and one .rpm to test" "in $packages: $(ls "$packages")"
  finish
  exit 1
fi
deb=${debs[0]}
rpm=${rpms[0]}
version=$(dpkg-deb --show --showformat '${Version}' "$deb")
conf() { node -e 'process.stdout.write(String(require(process.argv[1]).bundle[process.argv[2]]))' "$repo_root/tauri.conf.json" "$1"; }
echo "# $(basename "$deb") $(du -h "$deb" | cut -f1), $(basename "$rpm") $(du -h "$rpm" | cut -f1)"

# --- install -----------------------------------------------------------------
log "Installing the .deb with apt"
if output=$(apt install "$deb" 2>&1); then
  installed=1
  ok "apt installs the .deb, resolving its Depends"
else
  not_ok "apt installs the .deb, resolving its Depends" "$(tail -n 20 <<<"$output")"
  finish
  exit 1
fi
check "dpkg --verify: the installed files are the package's" dpkg --verify ping-desk
dpkg -L ping-desk | sort >"$work/files"

# --- what it laid down -------------------------------------------------------
binary() { grep -qx /usr/bin/ping-desk "$1" && test -x /usr/bin/ping-desk && file -b /usr/bin/ping-desk | grep '^ELF'; }
check "the binary is /usr/bin/ping-desk, an executable" binary "$work/files"

mapfile -t desktop < <(grep '^/usr/share/applications/.*\.desktop$' "$work/files")
if [ ${#desktop[@]} -eq 1 ]; then
  entry=${desktop[0]}
  # Hints and warnings count too: it must say nothing at all.
  validate() { local said; said=$(desktop-file-validate "$1" 2>&1); echo "$said"; [ -z "$said" ]; }
  check "desktop-file-validate accepts $entry" validate "$entry"
  starts() { grep -qx "Exec=ping-desk" "$1" && grep -qx "Icon=ping-desk" "$1" && grep -qx "Name=Ping Desk" "$1" || { cat "$1"; false; }; }
  check "the desktop entry starts ping-desk, with its name and icon" starts "$entry"
else
  not_ok "one desktop entry in /usr/share/applications" "${desktop[@]}"
fi

# Each icon a PNG of the size its hicolor folder names (NxN, or 2N at @2).
icons() {
  local count=0 icon dir size scale width height
  while read -r icon; do
    dir=${icon#/usr/share/icons/hicolor/}
    dir=${dir%%/*}
    size=${dir%%x*}
    scale=1
    [[ "$dir" != *@2 ]] || scale=2
    read -r width height < <(identify -format '%w %h\n' "$icon")
    # The bundler files a 2x icon (128x128@2x.png, 256 px) under 256x256@2:
    # accepted as either the size or the scaled size.
    if [ "$width" != "$height" ] || { [ "$width" != "$size" ] && [ "$width" != $((size * scale)) ]; }; then
      echo "$icon is ${width}x$height"
      return 1
    fi
    count=$((count + 1))
  done < <(grep '^/usr/share/icons/hicolor/.*/apps/ping-desk\.png$' "$1")
  echo "$count icons"
  [ "$count" -ge 3 ]
}
check "icons in the hicolor theme, several sizes, each the size it is filed as" icons "$work/files"
check "the copyright file is the licence (LICENSE)" cmp /usr/share/doc/ping-desk/copyright LICENSE
changelog() { zcat /usr/share/doc/ping-desk/changelog.gz | head -n 1 | grep -F "ping-desk ($version)"; }
check "a Debian changelog for $version" changelog
manual() { lexgrog /usr/share/man/man1/ping-desk.1.gz | grep -F "ping-desk - "; }
check "a manual page, ping-desk(1)" manual

# --- lintian -----------------------------------------------------------------
log "lintian"
lintian_started=$(date +%s)
lintian_status=0
lintian --display-level '>=warning' "$deb" >"$work/lintian" 2>&1 || lintian_status=$?
grep -E '^(W|E):' "$work/lintian" | sed 's/^/# lintian: /' || true
no_errors() { [ "$lintian_status" -eq 0 ] && ! grep -q '^E:' "$work/lintian" || { cat "$work/lintian"; false; }; }
check "lintian finds no errors in the .deb ($(($(date +%s) - lintian_started)) s)" no_errors

# --- the installed app starts ------------------------------------------------
log "Starting the installed app under Xvfb"
if first=$(start_xvfb && bash scripts/with-secret-service.sh node tests/packaging/first-screen.mjs /usr/bin/ping-desk 2>"$work/first-screen.log" | tail -n 1) && [ -n "$first" ]; then
  ok "the installed /usr/bin/ping-desk shows its first screen and opens the demo workspace"
  data_dir=$(node -e 'process.stdout.write(JSON.parse(process.argv[1]).dataDir)' "$first")
  wm_class=$(node -e 'process.stdout.write(JSON.parse(process.argv[1]).wmClass)' "$first")
  wm_want=$(sed -n 's/^StartupWMClass=//p' "${desktop[0]:-/dev/null}")
  same_app() { [ -n "$wm_want" ] && grep -qF "\"$wm_want\"" <<<"$wm_class"; }
  check "the window's WM_CLASS ($wm_class) holds the desktop entry's StartupWMClass ($wm_want)" same_app
else
  not_ok "the installed /usr/bin/ping-desk shows its first screen and opens the demo workspace" "$(tail -n 30 "$work/first-screen.log")"
  data_dir=
fi
# The user's data, as it was before the package goes.
if [ -n "$data_dir" ] && [ -n "$(find "$data_dir" -type f)" ]; then
  (cd "$data_dir" && find . -type f -exec sha256sum {} + | sort) >"$work/data-before"
  echo "# the app's data: $(wc -l <"$work/data-before") files in $data_dir"
else
  not_ok "the app wrote its data to PING_DESK_DATA_DIR" "data dir: '${data_dir}'"
fi

# --- remove and purge --------------------------------------------------------
log "Removing and purging the package"
for _ in $(seq 50); do
  running=$(for exe in /proc/[0-9]*/exe; do readlink "$exe" 2>/dev/null; done | grep -c '^/usr/bin/ping-desk' || true)
  [ "$running" -eq 0 ] && break
  sleep 0.2
done
check "apt-get remove ping-desk" apt remove ping-desk
# With no conffiles, remove leaves nothing for apt to purge (it no longer
# knows the package, which came from a file): dpkg purges either way.
purge() { echo "after remove: $(dpkg-query -W -f='${db:Status-Status}' ping-desk 2>&1)"; as_root dpkg --purge ping-desk; }
check "dpkg --purge ping-desk" purge
installed=
gone() {
  local status
  status=$(dpkg-query -W -f='${db:Status-Status}' ping-desk 2>/dev/null || echo not-installed)
  echo "$status"
  [ "$status" = not-installed ]
}
check "dpkg no longer knows ping-desk" gone
# Every path the package listed is gone, but folders other packages own too.
leftovers() {
  local path left=0
  while read -r path; do
    [ "$path" != / ] && [ "$path" != /. ] || continue
    [ -e "$path" ] || [ -L "$path" ] || continue
    if [ -d "$path" ] && dpkg -S "$path" >/dev/null 2>&1; then continue; fi
    echo "left: $path"
    left=1
  done <"$1"
  return "$left"
}
check "nothing the package laid down is left (shared folders aside)" leftovers "$work/files"
if [ -s "$work/data-before" ]; then
  untouched() { (cd "$data_dir" && find . -type f -exec sha256sum {} + | sort | diff "$work/data-before" -); }
  check "the user's data is still there, untouched" untouched
  rm -rf "$(dirname "$data_dir")"
fi

# --- the .rpm ------------------------------------------------------------------
log "Reading the .rpm with rpm"
rpm_field() { rpm -qp --nosignature --queryformat "%{$1}" "$rpm" 2>/dev/null; }
rpm -qip --nosignature "$rpm" >"$work/rpm-info" 2>&1 || true
identity() {
  [ "$(rpm_field NAME)" = ping-desk ] && [ "$(rpm_field VERSION)" = "$version" ] && [ "$(rpm_field LICENSE)" = MIT ] ||
    { cat "$work/rpm-info"; false; }
}
check "rpm -qip: name ping-desk, version $version, licence MIT" identity
described() {
  [ "$(rpm_field SUMMARY)" = "$(conf shortDescription)" ] && [ "$(rpm_field DESCRIPTION)" = "$(conf longDescription)" ] &&
    [ "$(rpm_field URL)" = "$(conf homepage)" ] || { cat "$work/rpm-info"; false; }
}
check "rpm -qip: summary, description and URL as tauri.conf.json has them" described
rpm -qlp --nosignature "$rpm" 2>/dev/null | sort >"$work/rpm-files"
rpm_files() {
  grep -qx /usr/bin/ping-desk "$work/rpm-files" &&
    grep -qx "/usr/share/applications/Ping Desk.desktop" "$work/rpm-files" &&
    [ "$(grep -c '^/usr/share/icons/hicolor/.*/apps/ping-desk\.png$' "$work/rpm-files")" -ge 3 ] &&
    grep -qx /usr/share/licenses/ping-desk/LICENSE "$work/rpm-files" &&
    grep -qx /usr/share/man/man1/ping-desk.1.gz "$work/rpm-files" || { cat "$work/rpm-files"; false; }
}
check "rpm -qlp: the binary, the desktop entry, icons, licence, manual page" rpm_files
# By package name (webkit2gtk4.1, gtk3) or, as this bundler writes them, by
# the libraries' sonames, which any RPM distribution resolves.
requires() {
  local requires
  requires=$(rpm -qp --nosignature --requires "$rpm" 2>/dev/null)
  grep -qxE 'webkit2gtk4\.1|libwebkit2gtk-4\.1\.so\.0\(\)\(64bit\)' <<<"$requires" &&
    grep -qxE 'gtk3|libgtk-3\.so\.0\(\)\(64bit\)' <<<"$requires" &&
    grep -qxF 'libc.so.6()(64bit)' <<<"$requires" || { echo "$requires"; false; }
}
check "rpm -qp --requires: WebKitGTK 4.1, GTK 3 and what else the binary links" requires

finish
