"""What the load and fault tests share: when they run, and the test database as the portal's processes
reach it."""

import pytest
from django.conf import settings
from django.db import connection

needs_postgresql_and_redis = pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"] or not settings.REDIS_URL,
    reason="a load test: needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL); SQLite serialises writes",
)


def database_url():
    """The test database, for gunicorn and the worker the test starts."""
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
