#!/usr/bin/env bash
# Builds Ping Desk's Linux packages, the .deb and the .rpm, with the Tauri CLI,
# installing what a fresh Debian/Ubuntu machine lacks first. Windows and macOS
# installers (and the AppImage, whose tooling is downloaded at build time) are
# built on those systems by the release workflow.
#
#   usage: scripts/package.sh [--debug] [--version X.Y.Z] [--config FILE]... [--out DIR]
#
#   --debug          the debug profile (what the tests install; much faster to
#                    build) instead of release
#   --version X.Y.Z  this build's version, in place of tauri.conf.json's
#   --config FILE    a Tauri config (JSON) merged over tauri.conf.json; may be
#                    given more than once, later ones win
#   --out DIR        copy the packages (and their .sig files, when updater
#                    artifacts are made) to DIR, named as Debian and RPM name
#                    them, and print their paths, one a line
#
# Without --out it prints the paths in $CARGO_TARGET_DIR/<profile>/bundle/.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

usage() { sed -n '7,18s/^# \{0,1\}//p' "$0"; }

profile=release
version=
configs=()
out=
while [ $# -gt 0 ]; do
  case "$1" in
    --debug) profile=debug ;;
    --release) profile=release ;;
    --version)
      version=${2:-}
      # Debian and RPM both order plain X.Y.Z versions right; a pre-release
      # suffix would not mean the same to the two of them.
      [[ "$version" =~ ^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$ ]] || {
        echo "package.sh: --version wants X.Y.Z (three numbers), got '${version}'" >&2
        exit 2
      }
      shift
      ;;
    --config)
      [ -f "${2:-}" ] || { echo "package.sh: --config wants a JSON file, '${2:-}' is not one" >&2; exit 2; }
      configs+=("$(realpath "$2")")
      shift
      ;;
    --out)
      [ -n "${2:-}" ] || { echo "package.sh: --out wants a directory" >&2; exit 2; }
      out=$2
      shift
      ;;
    -h | --help) usage; exit 0 ;;
    *) echo "package.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
  shift
done
[ -z "$out" ] || out=$(mkdir -p "$out" && cd "$out" && pwd)

cd "$repo_root"
ensure_all

# The version the packages get: tauri.conf.json's, unless a --config file or
# --version says otherwise (merged in that order).
version_from_configs=$(node -e '
  const fs = require("fs");
  let v;
  for (const file of process.argv.slice(1)) {
    try {
      v = JSON.parse(fs.readFileSync(file, "utf8")).version ?? v;
    } catch (err) {
      console.error(`package.sh: ${file} is not JSON (${err.message})`);
      process.exit(2);
    }
  }
  process.stdout.write(String(v ?? ""));
' tauri.conf.json "${configs[@]}") || exit 2
version=${version:-$version_from_configs}

# Merged in this order: ours, then --config files, then --version.
first=()
# Updater artifacts need the update-signing key; without one (local and CI
# builds) the packages are built without them. A --config may turn them on.
[ -n "${TAURI_SIGNING_PRIVATE_KEY:-}" ] || first+=(--config '{"bundle":{"createUpdaterArtifacts":false}}')
last=()
for config in "${configs[@]}"; do last+=(--config "$config"); done
last+=(--config "{\"version\":\"$version\"}")
debug=()
[ "$profile" = debug ] && debug=(--debug)
tauri() { "$repo_root/node_modules/.bin/tauri" "$@" >&2; }

bundle_dir="$CARGO_TARGET_DIR/$profile/bundle"
mkdir -p "$bundle_dir"
work=$(mktemp -d "$bundle_dir/.package-XXXXXX")
trap 'rm -rf "$work"' EXIT

log "Building the $profile binary, version $version"
tauri build --ci --no-bundle "${debug[@]}" "${first[@]}" "${last[@]}"

# What the packages need beyond what the bundler writes. Requirements
# found from what this binary links, as Debian's and Fedora's own builds
# find them (the bundler only names WebKitGTK and GTK): for the .deb, the
# libraries' packages by dpkg-shlibdeps; for the .rpm, each library's
# soname and the symbol versions used from it. Then a Debian changelog and
# the manual page.
binary=$CARGO_TARGET_DIR/$profile/ping-desk
mkdir -p "$work/shlibs/debian"
printf 'Source: ping-desk\n\nPackage: ping-desk\nArchitecture: any\n' >"$work/shlibs/debian/control"
depends=$(cd "$work/shlibs" && dpkg-shlibdeps -O "$binary" 2>"$work/shlibdeps.log") || {
  cat "$work/shlibdeps.log" >&2
  exit 1
}
depends=${depends#shlibs:Depends=}
rpm_requires=$(objdump -p "$binary" | awk '
  $1 == "NEEDED" { print $2 "()(64bit)" }
  $1 == "required" && $2 == "from" { library = substr($3, 1, length($3) - 1) }
  $1 ~ /^0x/ && library != "" { print library "(" $4 ")(64bit)" }
' | sort -u | grep -vxF -e 'libwebkit2gtk-4.1.so.0()(64bit)' -e 'libgtk-3.so.0()(64bit)')
maintainer=$(sed -n 's/^authors = \["\(.*\)"\]$/\1/p' Cargo.toml | head -n 1)
[ -n "$maintainer" ] || { echo "package.sh: Cargo.toml has no authors = [\"Name <address>\"] (the Maintainer)" >&2; exit 1; }
# The commit's date, not now, so that one commit packs the same each time.
date=$(date -R -d "@${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}")
printf '%s\n' \
  "ping-desk ($version) unstable; urgency=medium" \
  "" \
  "  * Ping Desk $version; its release notes are at" \
  "    https://github.com/ping-desk/ping-desk/releases" \
  "" \
  " -- $maintainer  $date" >"$work/changelog"
gzip -9n <"$work/changelog" >"$work/changelog.gz"
gzip -9n <packaging/linux/ping-desk.1 >"$work/ping-desk.1.gz"
node -e '
  const [depends, requires, dir] = process.argv.slice(1);
  const man = { "/usr/share/man/man1/ping-desk.1.gz": `${dir}/ping-desk.1.gz` };
  const changelog = { "/usr/share/doc/ping-desk/changelog.gz": `${dir}/changelog.gz` };
  process.stdout.write(JSON.stringify({ bundle: { linux: {
    deb: { depends: depends.split(", "), files: { ...man, ...changelog } },
    rpm: { depends: requires.split("\n"), files: man },
  } } }));
' "$depends" "$rpm_requires" "$work" >"$work/generated.conf.json"

# The packages carry a stripped copy of the binary, as Debian's own
# packaging strips binaries (dh_strip): the debug profile's 300 MiB of
# debug info would make a 90 MiB .deb. The bundler packs what is in its
# target directory, so it is pointed at one holding the copy; cargo's own
# binary stays as it is. (The release binary is stripped already.)
pack=$work/target
mkdir -p "$pack/$profile"
strip --strip-unneeded --remove-section=.comment --remove-section=.note -o "$pack/$profile/ping-desk" "$binary"

log "Bundling the .deb and the .rpm"
CARGO_TARGET_DIR=$pack tauri bundle --ci --bundles deb,rpm "${debug[@]}" "${first[@]}" --config "$work/generated.conf.json" "${last[@]}"

made=()
for kind in deb rpm; do
  mkdir -p "$bundle_dir/$kind"
  found=0
  for file in "$pack/$profile/bundle/$kind"/*."$kind" "$pack/$profile/bundle/$kind"/*."$kind".sig; do
    [ -f "$file" ] || continue
    mv -f "$file" "$bundle_dir/$kind/"
    made+=("$bundle_dir/$kind/$(basename "$file")")
    [[ "$file" == *.sig ]] || found=1
  done
  [ "$found" = 1 ] || { echo "package.sh: the bundler made no .$kind" >&2; exit 1; }
done

if [ -z "$out" ]; then
  printf '%s\n' "${made[@]}"
  exit 0
fi

# The names each system's tools expect (the bundler's carry the product
# name, with its space): ping-desk_1.2.3_amd64.deb, ping-desk-1.2.3-1.x86_64.rpm.
for file in "${made[@]}"; do
  package=${file%.sig}
  case "$package" in
    *.deb) name=$(dpkg-deb --show --showformat '${Package}_${Version}_${Architecture}.deb' "$package") ;;
    *.rpm)
      # The bundler's "<product name>-<version>-<release>.<arch>.rpm";
      # neither version nor release holds a "-".
      base=$(basename "$package" .rpm)
      rest=${base%-*}
      name="ping-desk-${rest##*[-_]}-${base##*-}.rpm"
      ;;
  esac
  [ "$file" = "$package" ] || name="$name.sig"
  cp "$file" "$out/$name"
  printf '%s\n' "$out/$name"
done
