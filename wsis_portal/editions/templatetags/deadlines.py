"""``{% deadline phase.closes_at %}``: a deadline in Geneva time, in the reader's zone, and the time left."""

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import pgettext

from wsis_portal.editions import schedule

register = template.Library()


def zone_label(zone):
    """A readable name for an IANA zone: its city (“New York”), or the key itself."""
    return zone.key.rsplit("/", 1)[-1].replace("_", " ")


@register.inclusion_tag("editions/deadline.html")
def deadline(instant):
    reader_zone = timezone.get_current_timezone()
    in_geneva = instant.astimezone(schedule.GENEVA)
    in_reader_zone = instant.astimezone(reader_zone)
    shows_reader_zone = getattr(reader_zone, "key", "") != schedule.GENEVA.key
    return {
        "format": pgettext("date and time of a deadline", "j F Y, H:i"),
        "instant": instant,
        "geneva": in_geneva,
        "geneva_abbreviation": in_geneva.strftime("%Z"),
        "reader": in_reader_zone if shows_reader_zone else None,
        "reader_zone": format_html("<bdi>{}</bdi>", zone_label(reader_zone)) if shows_reader_zone else "",
        "reader_abbreviation": in_reader_zone.strftime("%Z"),
        "is_past": instant <= schedule.now(),
    }


@register.inclusion_tag("editions/time_range.html")
def time_range(starts, ends=None):
    """``{% time_range meeting.starts_at meeting.ends_at %}``: a time or a range in Geneva time, and in the
    reader's zone when it is another one."""
    reader_zone = timezone.get_current_timezone()
    return {
        "starts": starts,
        "ends": ends,
        "geneva": schedule.GENEVA,
        "reader_zone": reader_zone if getattr(reader_zone, "key", "") != schedule.GENEVA.key else None,
        "reader_zone_label": format_html("<bdi>{}</bdi>", zone_label(reader_zone)),
        "datetime_format": pgettext("date and time of a deadline", "j F Y, H:i"),
    }
