#!/usr/bin/env bash
# Set up everything on embedded defaults (SQLite, Celery eager, e-mail to the console, demo data)
# and run the portal at http://127.0.0.1:8000. Safe to run again.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

# gettext compiles the catalogue; Pango, HarfBuzz and the Amiri font let WeasyPrint render the letters.
ensure_apt_packages gettext libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-hosny-amiri
ensure_venv
say "Migrating the database"
"$VENV/bin/python" manage.py migrate --noinput -v 0
say "Compiling the Arabic catalogue"
compile_messages
say "Loading demo data"
"$VENV/bin/python" manage.py load_demo
say "The portal runs at http://127.0.0.1:8000 (Ctrl+C stops it)"
exec "$VENV/bin/python" manage.py runserver 127.0.0.1:8000
