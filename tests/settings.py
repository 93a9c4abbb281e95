"""Test settings: the portal's own, made fast and deterministic. The database and broker still come from
DATABASE_URL and REDIS_URL, so the same suite runs on SQLite/eager and on PostgreSQL/Redis/worker."""

import os
import tempfile
from pathlib import Path

from wsis_portal.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "private": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if os.environ.get("REDIS_URL"):
    # The worker is another process: files it writes must be readable by the test (and its live server).
    # Set here, inherited by the worker it starts: one folder for the run.
    _files = Path(os.environ.setdefault("WSIS_TEST_FILES", tempfile.mkdtemp(prefix="wsis-test-files-")))
    CELERY_IMPORTS = ["tests.worker_hooks"]
    for _name, _folder in (("default", "media"), ("private", "private")):
        STORAGES[_name] = {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": _files / _folder},
        }
if "EMAIL_URL" not in os.environ:
    OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Each test run (and the worker it starts) uses its own queue, so runs never consume each other's tasks.
CELERY_TASK_DEFAULT_QUEUE = os.environ.setdefault("CELERY_TASK_DEFAULT_QUEUE", f"wsis-test-{os.getpid()}")
ALLOWED_HOSTS = ["*"]
# The suite sends hundreds of API requests a minute from one address (schemathesis); the rate itself is
# tested with a low one of its own (tests/test_api_throttling.py).
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute"}}  # noqa: F405
