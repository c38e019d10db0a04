# Shared by scripts/run.sh and scripts/test.sh: installs what a fresh
# Debian/Ubuntu machine lacks, and points cargo at a target directory outside
# the clone so a new clone does not mean a cold build.
# shellcheck shell=bash

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/ping-desk/target}
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}

# WebKitGTK and friends for building and running the Tauri app; Xvfb, the
# WebKit WebDriver and a Secret Service for the headless tests; a window
# manager (maximising needs one) and xdg-open (the system browser's door)
# for the desktop tests; `ip` and `unshare` for the network-change test
# (desk-core tests/network_signal.rs).
SYSTEM_PACKAGES=(
  build-essential pkg-config curl file libssl-dev libdbus-1-dev
  libwebkit2gtk-4.1-dev libgtk-3-dev libayatana-appindicator3-dev librsvg2-dev
  libsoup-3.0-dev libjavascriptcoregtk-4.1-dev
  xvfb xauth webkit2gtk-driver dbus-x11 gnome-keyring libsecret-tools
  imagemagick xdotool x11-utils ghostscript python3-xlib xclip openbox xdg-utils
  iproute2 util-linux
)
# Only for the packaging test (tests/packaging/linux.sh), which asks for them:
# checking the desktop entry, linting the .deb, reading the .rpm.
PACKAGING_PACKAGES=(desktop-file-utils lintian rpm)

log() { printf '\n==> %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_system_packages() {
  local missing=()
  for pkg in "${SYSTEM_PACKAGES[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' || missing+=("$pkg")
  done
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    missing+=(nodejs npm)
  fi
  if [ ${#missing[@]} -gt 0 ]; then
    log "Installing system packages: ${missing[*]}"
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
}

ensure_rust() {
  if ! command -v cargo >/dev/null; then
    [ -x "$HOME/.cargo/bin/cargo" ] || {
      log "Installing the Rust toolchain (rustup)"
      curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal -c clippy,rustfmt
    }
    export PATH="$HOME/.cargo/bin:$PATH"
  fi
}

# The Tauri CLI and test tools come from npm (package.json), pinned by
# package-lock.json.
ensure_node_tools() {
  if [ ! -x "$repo_root/node_modules/.bin/tauri" ] || [ "$repo_root/package-lock.json" -nt "$repo_root/node_modules/.package-lock.json" ]; then
    log "Installing developer tools from npm"
    (cd "$repo_root" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

ensure_tauri_driver() {
  if ! command -v tauri-driver >/dev/null; then
    log "Installing tauri-driver"
    cargo install tauri-driver --locked
  fi
  command -v WebKitWebDriver >/dev/null || { echo "WebKitWebDriver missing (package webkit2gtk-driver)" >&2; exit 1; }
}

# A private X display, so tests and benchmarks never draw on someone's
# desktop; stopped when the calling script exits.
start_xvfb() {
  local display=$((100 + RANDOM % 100))
  Xvfb ":$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb_pid=$!
  trap 'kill $xvfb_pid 2>/dev/null || true' EXIT
  export DISPLAY=":$display"
  for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
}

ensure_all() {
  ensure_system_packages "$@"
  ensure_rust
  ensure_node_tools
}
