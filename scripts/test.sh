#!/usr/bin/env bash
# Run the whole test suite. SQLite and eager Celery by default; PostgreSQL, Redis and a real Celery worker
# when DATABASE_URL and REDIS_URL are set (as .ci/run does). Extra arguments go to pytest.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

ensure_apt_packages gettext chromium poppler-utils libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-hosny-amiri
ensure_node
ensure_venv test
if [ ! -f node_modules/axe-core/axe.min.js ]; then
  say "Installing axe-core (pinned in package-lock.json)"
  npm ci --no-audit --no-fund --loglevel=error
fi
compile_messages
say "ruff"
"$VENV/bin/ruff" check .
"$VENV/bin/ruff" format --check .
say "bandit (no finding of high severity)"
"$VENV/bin/bandit" -q -r wsis_portal stocktaking consultations prizes forum_events manage.py -lll -x "*/migrations/*"
say "Migrations are up to date"
"$VENV/bin/python" manage.py makemigrations --check --dry-run -v 0
say "pytest (database: ${DATABASE_URL:-SQLite}, broker: ${REDIS_URL:-none, Celery eager})"
exec "$VENV/bin/pytest" "$@"
