# Shared by scripts/start.sh, scripts/test.sh and .ci/run: install what a fresh Debian 12 machine lacks.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else echo "Need root to run: $*" >&2; return 1
  fi
}

# ensure_apt_packages PKG...: install the Debian packages that are not installed yet.
ensure_apt_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    say "Installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

# ensure_node: npm for axe-core (the accessibility checker the browser tests inject).
ensure_node() {
  command -v npm >/dev/null 2>&1 || ensure_apt_packages nodejs npm
}

find_python() {
  local candidate
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  echo "Python 3.11 is required (Debian 12: apt-get install python3)." >&2
  return 1
}

# ensure_venv [EXTRAS]: a virtual environment with the pinned dependencies of pyproject.toml.
ensure_venv() {
  local extras="${1:-}" python stamp spec
  python="$(find_python)"
  if [ ! -x "$VENV/bin/python" ]; then
    "$python" -c 'import ensurepip' 2>/dev/null || ensure_apt_packages python3-venv
    say "Creating the virtual environment in .venv"
    "$python" -m venv "$VENV"
  fi
  spec="."; [ -n "$extras" ] && spec=".[$extras]"
  stamp="$(sha256sum "$ROOT/pyproject.toml" | cut -c1-16)-$extras"
  if [ "$(cat "$VENV/.installed" 2>/dev/null)" != "$stamp" ]; then
    say "Installing Python dependencies ($spec)"
    "$VENV/bin/python" -m pip install -q --upgrade pip
    (cd "$ROOT" && "$VENV/bin/python" -m pip install -q -e "$spec")
    echo "$stamp" > "$VENV/.installed"
  fi
}

compile_messages() {
  (cd "$ROOT" && "$VENV/bin/python" manage.py compilemessages --ignore .venv --ignore node_modules -v 0)
}
