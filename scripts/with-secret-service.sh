#!/usr/bin/env bash
# Runs a command with a real Secret Service: a private D-Bus session and an
# unlocked gnome-keyring whose files live in a throwaway directory, so tests
# never touch the user's own keyring.
#   usage: scripts/with-secret-service.sh <command> [args...]
set -euo pipefail

if [ "${PING_DESK_IN_SECRET_SERVICE:-}" != 1 ]; then
  # Keep the toolchain where it is before HOME moves.
  export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}" RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}"
  sandbox_home=$(mktemp -d)
  # GTK may start the document portal, which mounts a FUSE file system in
  # the runtime directory: unmount it before removing the directory.
  trap 'fusermount3 -u "$sandbox_home/runtime/doc" 2>/dev/null || fusermount -u "$sandbox_home/runtime/doc" 2>/dev/null || true; rm -rf "$sandbox_home"' EXIT
  mkdir -p "$sandbox_home/runtime" && chmod 700 "$sandbox_home/runtime"
  PING_DESK_IN_SECRET_SERVICE=1 HOME="$sandbox_home" XDG_DATA_HOME="$sandbox_home/data" \
    XDG_RUNTIME_DIR="$sandbox_home/runtime" XDG_CONFIG_HOME="$sandbox_home/config" \
    dbus-run-session -- "$0" "$@"
  exit $?
fi

# Inside the session: start the keyring unlocked with a throwaway password.
eval "$(printf 'ping-desk-tests' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
"$@"
status=$?
kill "${GNOME_KEYRING_PID:-}" 2>/dev/null || true
exit $status
