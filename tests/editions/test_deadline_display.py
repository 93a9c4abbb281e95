"""A deadline is shown in Geneva time with its zone, in the reader's zone when it differs, and with the
time left."""

import zoneinfo
from datetime import UTC, datetime

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from wsis_portal.editions.schedule import geneva_time

DEADLINE = geneva_time(2026, 7, 1, 23, 0)


def render(instant, zone="Europe/Zurich", language="en"):
    with timezone.override(zoneinfo.ZoneInfo(zone)), translation.override(language):
        html = Template("{% load deadlines %}{% deadline instant %}").render(Context({"instant": instant}))
    return " ".join(html.split())


@pytest.fixture
def before_deadline(time_machine):
    time_machine.move_to(datetime(2026, 6, 28, 21, 0, tzinfo=UTC), tick=False)


def test_geneva_reader_sees_geneva_time_with_summer_abbreviation(before_deadline):
    html = render(DEADLINE)
    assert "1 July 2026, 23:00 <bdi>CEST</bdi> (Geneva time)" in html
    assert "deadline-local" not in html


def test_winter_deadline_shows_the_winter_abbreviation(before_deadline):
    assert "20 March 2026, 23:59 <bdi>CET</bdi> (Geneva time)" in render(geneva_time(2026, 3, 20, 23, 59))


def test_new_york_reader_also_sees_new_york_time(before_deadline):
    html = render(DEADLINE, "America/New_York")
    assert "1 July 2026, 23:00 <bdi>CEST</bdi> (Geneva time)" in html
    assert "<bdi>New York</bdi> time: 1 July 2026, 17:00 <bdi>EDT</bdi>" in html


def test_tokyo_reader_sees_the_next_calendar_day(before_deadline):
    assert "<bdi>Tokyo</bdi> time: 2 July 2026, 06:00 <bdi>JST</bdi>" in render(DEADLINE, "Asia/Tokyo")


def test_machine_readable_instant_is_utc(before_deadline):
    assert '<time datetime="2026-07-01T21:00:00+00:00">' in render(DEADLINE, "Asia/Tokyo")


def test_time_left_is_shown_before_the_deadline(before_deadline):
    assert "3 days left" in render(DEADLINE)


def test_passed_deadline_says_so(time_machine):
    time_machine.move_to(datetime(2026, 7, 1, 21, 0, tzinfo=UTC), tick=False)
    html = render(DEADLINE)
    assert "Passed" in html
    assert "days left" not in html


def test_arabic_reader_sees_arabic_month_and_geneva_label(before_deadline):
    html = render(DEADLINE, language="ar")
    assert "1 يوليو 2026، 23:00 <bdi>CEST</bdi> (بتوقيت جنيف)" in html
    assert "3 أيام" in html
