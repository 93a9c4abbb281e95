"""The reader's time zone: their profile's, else the one their browser reported, else Geneva's."""

import re
import zoneinfo
from functools import lru_cache

from babel.core import get_global
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy

from wsis_portal.editions.schedule import GENEVA
from wsis_portal.languages import cldr_locale
from wsis_portal.stakeholders.countries import collation_key, portal_countries

ADMIN_PATH = re.compile(r"^/[\w-]+/admin/")


@lru_cache(maxsize=1)
def available_time_zones():
    """The IANA zone names a reader may choose, sorted."""
    return sorted(zoneinfo.available_timezones() - {"localtime", "Factory"})


# The areas of the IANA zone names a reader chooses among, as the groups of the list.
AREAS = {
    "Africa": pgettext_lazy("time zone area", "Africa"),
    "America": pgettext_lazy("time zone area", "Americas"),
    "Asia": pgettext_lazy("time zone area", "Asia"),
    "Atlantic": pgettext_lazy("time zone area", "Atlantic Ocean"),
    "Australia": pgettext_lazy("time zone area", "Australia"),
    "Europe": pgettext_lazy("time zone area", "Europe"),
    "Indian": pgettext_lazy("time zone area", "Indian Ocean"),
    "Pacific": pgettext_lazy("time zone area", "Pacific Ocean"),
}


@lru_cache(maxsize=1)
def _places():
    """The zones worth offering, each with its country: those of the areas above that CLDR knows a country
    for, without the old names kept as links (Asia/Calcutta for Asia/Kolkata, Australia/ACT ...); and, for
    each, its old names, under which CLDR may keep the translated name of its city."""
    aliases, territories = get_global("zone_aliases"), get_global("zone_territories")
    old_names = {}
    for old, current in aliases.items():
        old_names.setdefault(current, []).append(old)
    return {
        name: (territories[name], old_names.get(name, []))
        for name in available_time_zones()
        if name.split("/")[0] in AREAS and name not in aliases and name in territories
    }


def _city(name, old_names, locale):
    """The zone's city in ``locale``; CLDR keeps some under an old name of the zone (Kolkata as Calcutta)."""
    for candidate in (name, *old_names):
        city = locale.time_zones.get(candidate, {}).get("city")
        if city:
            return city
    return name.rsplit("/", 1)[-1].replace("_", " ")


@lru_cache(maxsize=1)
def _countries_with_several_zones():
    territories = [territory for territory, _old_names in _places().values()]
    return {territory for territory in territories if territories.count(territory) > 1}


def zone_label(name, language=None):
    """A reader's name for zone ``name`` in the active language: its country ("سويسرا", "Switzerland"),
    and its city where the country has several zones ("الولايات المتحدة الأمريكية (شيكاغو)"); the IANA
    name, spaced, for a zone the list does not offer."""
    place = _places().get(name)
    if place is None:
        return name.replace("_", " ")
    territory, old_names = place
    locale = cldr_locale(language or get_language())
    country = portal_countries.name(territory) or locale.territories.get(territory, territory)
    if territory not in _countries_with_several_zones():
        return country
    return f"{country} ({_city(name, old_names, locale)})"


@lru_cache(maxsize=16)
def _grouped(language):
    groups = {area: [] for area in AREAS}
    for name in _places():
        groups[name.split("/")[0]].append((name, zone_label(name, language)))
    return [
        (AREAS[area], sorted(zones, key=lambda zone: collation_key(zone[1])))
        for area, zones in groups.items()
        if zones
    ]


def time_zone_choices():
    """The zones a reader chooses among, grouped by area (``<optgroup>``) and named in the active language,
    as Django choices: [(area, [(IANA name, label), ...]), ...]."""
    return [(str(area), zones) for area, zones in _grouped(get_language())]


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
