"""Test settings: the portal's own, made fast and deterministic. The database and broker still come from
DATABASE_URL and REDIS_URL, so the same suite runs on SQLite/eager and on PostgreSQL/Redis/worker."""

import os

from wsis_portal.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if "EMAIL_URL" not in os.environ:
    OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Each test run (and the worker it starts) uses its own queue, so runs never consume each other's tasks.
CELERY_TASK_DEFAULT_QUEUE = os.environ.setdefault("CELERY_TASK_DEFAULT_QUEUE", f"wsis-test-{os.getpid()}")
ALLOWED_HOSTS = ["*"]
