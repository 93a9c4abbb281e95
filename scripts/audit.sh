#!/usr/bin/env bash
# Known vulnerabilities in what the portal runs on: pip-audit over every package installed in .venv (the
# pins of pyproject.toml and what they pull in), with its own tool in a throw-away virtual environment so
# that it never changes the portal's. Exits non-zero on any known vulnerability or any package it could not
# audit. It needs a vulnerability database: PyPI's per-release JSON API (the default), or OSV with
# `scripts/audit.sh -s osv`. Extra arguments go to pip-audit.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

ensure_venv test
tool="$(mktemp -d)"
trap 'rm -rf "$tool"' EXIT
"$(find_python)" -m venv "$tool/venv"
"$tool/venv/bin/python" -m pip install -q "pip-audit==2.10.1"
"$VENV/bin/python" -m pip freeze --exclude-editable | grep -v '^-e ' > "$tool/requirements.txt"
say "pip-audit over $(wc -l < "$tool/requirements.txt") installed packages"
exec "$tool/venv/bin/pip-audit" --strict --no-deps --disable-pip --progress-spinner off \
  -r "$tool/requirements.txt" "$@"
