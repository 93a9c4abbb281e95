# The WSIS Forum Portal: one image for web (gunicorn + whitenoise), the Celery worker and Celery beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# gettext compiles the catalogue; Amiri (OFL) and Pango/HarfBuzz render Arabic PDFs with WeasyPrint.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext fonts-hosny-amiri libpango-1.0-0 libpangoft2-1.0-0 \
       libharfbuzz-subset0 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 wsis

WORKDIR /app
# Dependencies first, from pyproject.toml alone, so that a code change does not reinstall them.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
       > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt
COPY . .
RUN pip install --no-deps -e .
RUN python manage.py compilemessages --ignore .venv -v 0 \
    && PORTAL_ENV=production SECRET_KEY=collectstatic-only-not-a-secret ALLOWED_HOSTS=localhost \
       DATABASE_URL=sqlite:////tmp/build.sqlite3 python manage.py collectstatic --noinput -v 0 \
    && mkdir -p /app/media /app/private /app/var/beat && chown -R wsis:wsis /app/media /app/private /app/var

USER wsis
EXPOSE 8000
CMD ["gunicorn", "wsis_portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", \
     "--access-logfile", "-", "--forwarded-allow-ips", "*", "--no-control-socket"]
