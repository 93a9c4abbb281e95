"""The reader's time zone: their profile's, else the one their browser reported, else Geneva's."""

import re
import zoneinfo
from functools import lru_cache

from django.conf import settings
from django.utils import timezone

from wsis_portal.editions.schedule import GENEVA

ADMIN_PATH = re.compile(r"^/[\w-]+/admin/")


@lru_cache(maxsize=1)
def available_time_zones():
    """The IANA zone names a reader may choose, sorted."""
    return sorted(zoneinfo.available_timezones() - {"localtime", "Factory"})


def zone_or_none(name):
    """The zone named ``name``, or None when the name is not a known IANA zone."""
    if not name or name not in available_time_zones():
        return None
    return zoneinfo.ZoneInfo(name)


class ReaderTimezoneMiddleware:
    """Activates the reader's zone for display; the admin always works in Geneva time, where deadlines
    are defined."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        zone = GENEVA if ADMIN_PATH.match(request.path_info) else self.reader_zone(request)
        with timezone.override(zone):
            return self.get_response(request)

    @staticmethod
    def reader_zone(request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.time_zone:
            zone = zone_or_none(user.time_zone)
            if zone is not None:
                return zone
        return zone_or_none(request.COOKIES.get(settings.TIMEZONE_COOKIE_NAME)) or GENEVA
