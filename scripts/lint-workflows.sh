#!/usr/bin/env bash
# Checks the GitHub workflows with actionlint (its ShellCheck pass covers the
# `run:` scripts), fails if one of them is missing, and runs the tests of the
# release scripts they call. Prints TAP (`# pass N`, `# fail N`), so
# scripts/test.sh counts it.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$repo_root"

# The workflows the project relies on: a missing one fails the check.
REQUIRED_WORKFLOWS=(.github/workflows/ci.yml .github/workflows/release.yml)
requirements="$repo_root/scripts/actionlint-requirements.txt"
venv="$HOME/.cache/ping-desk/actionlint-venv"

ensure_lint_tools() {
  local missing=()
  command -v shellcheck >/dev/null || missing+=(shellcheck)
  command -v python3 >/dev/null || missing+=(python3)
  # Debian's python3 makes venvs only with python3-venv (ensurepip).
  python3 -c 'import ensurepip' 2>/dev/null || missing+=(python3-venv)
  if [ ${#missing[@]} -gt 0 ]; then
    log "Installing ${missing[*]}"
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
  # A venv of our own: Debian 12's system Python refuses `pip install`.
  if [ ! -x "$venv/bin/actionlint" ] || [ "$requirements" -nt "$venv/bin/actionlint" ]; then
    log "Installing actionlint into $venv"
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check --require-hashes --only-binary=:all: -r "$requirements"
    touch "$venv/bin/actionlint"
  fi
}

ensure_lint_tools >&2
ensure_node_tools >&2

# Every workflow present, and every required one whether present or not.
mapfile -t workflows < <(
  { printf '%s\n' "${REQUIRED_WORKFLOWS[@]}"; find .github/workflows -maxdepth 1 \( -name '*.yml' -o -name '*.yaml' \) 2>/dev/null; } |
    sed 's|^\./||' | sort -u
)

echo "TAP version 13"
n=0 pass=0 fail=0
for wf in "${workflows[@]}"; do
  n=$((n + 1))
  if [ ! -f "$wf" ]; then
    echo "not ok $n - actionlint $wf (missing)"
    fail=$((fail + 1))
    continue
  fi
  if out=$("$venv/bin/actionlint" -no-color -shellcheck "$(command -v shellcheck)" "$wf" 2>&1); then
    echo "ok $n - actionlint $wf"
    pass=$((pass + 1))
  else
    echo "not ok $n - actionlint $wf"
    sed 's/^/#   /' <<<"$out"
    fail=$((fail + 1))
  fi
done
echo "1..$n"
echo "# pass $pass"
echo "# fail $fail"

# The release scripts the workflow runs (version preflight, latest.json).
status=0
node --test --test-reporter=tap tests/release/ || status=1
[ "$fail" -eq 0 ] && exit "$status"
exit 1
