"""Settings of the web processes the load tests start: the portal's own in production mode, except static
files without the manifest, which collectstatic takes a minute to write (the bench collects them)."""

from wsis_portal.settings import *  # noqa: F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
