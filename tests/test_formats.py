"""Dates, times and numbers as each language writes them (wsis_portal/formats/): day, month, year and a
24-hour Geneva time on the pages and in the admin, the Arabic comma in Arabic, 0-9 digits as on the rest of
the site, and date inputs that the admin's own calendar fills still read back."""

import re
from datetime import UTC, date, datetime

import pytest
from django import forms
from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import get_language_info

from wsis_portal.editions.schedule import GENEVA
from wsis_portal.mail.models import OutboundMail

NOON = datetime(2026, 1, 1, 12, 0)
RIGHT_TO_LEFT = [code for code, _name in settings.LANGUAGES if get_language_info(code)["bidi"]]


def test_the_portal_has_a_right_to_left_language():
    assert RIGHT_TO_LEFT


@pytest.mark.parametrize(
    ("language", "name", "written"),
    [
        ("ar", "DATETIME_FORMAT", "1 يناير 2026، 12:00"),
        ("ar", "SHORT_DATETIME_FORMAT", "01/01/2026، 12:00"),
        ("ar", "DATE_FORMAT", "1 يناير 2026"),
        ("ar", "TIME_FORMAT", "12:00"),
        ("en", "DATETIME_FORMAT", "1 January 2026, 12:00"),
        ("en", "SHORT_DATETIME_FORMAT", "01/01/2026 12:00"),
        ("en", "DATE_FORMAT", "1 January 2026"),
    ],
)
def test_dates_are_written_day_month_year_with_a_24_hour_time(language, name, written):
    with translation.override(language):
        assert formats.date_format(NOON, name) == written


@pytest.mark.parametrize("language", RIGHT_TO_LEFT)
def test_every_right_to_left_language_writes_the_day_first_and_24_hour_times(language):
    with translation.override(language):
        for name in ("DATE_FORMAT", "DATETIME_FORMAT", "SHORT_DATE_FORMAT", "SHORT_DATETIME_FORMAT"):
            written = formats.get_format(name)
            assert written.lstrip()[0] in "jd", (name, written)
            assert not set(written) & set("AaPgh"), (name, written)  # no a.m./p.m., no 12-hour clock


def test_arabic_numbers_keep_western_digits_with_a_decimal_point():
    with translation.override("ar"):
        assert formats.number_format(1234.5, 1, force_grouping=True) == "1,234.5"
        assert formats.localize(3.25) == "3.25"


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("2026-07-01", date(2026, 7, 1)),  # what the admin's calendar writes
        ("01/07/2026", date(2026, 7, 1)),  # day first, as the dates are shown
    ],
)
def test_arabic_date_inputs_read_iso_and_day_first_dates(typed, read):
    with translation.override("ar"):
        assert forms.DateField().clean(typed) == read


def test_arabic_date_and_time_inputs_read_a_24_hour_time():
    with translation.override("ar"):
        field = forms.SplitDateTimeField()
        assert field.clean(["2026-07-01", "14:30"]) == datetime(2026, 7, 1, 14, 30, tzinfo=GENEVA)
        assert field.clean(["01/07/2026", "14:30:00"]) == datetime(2026, 7, 1, 14, 30, tzinfo=GENEVA)


def test_the_admin_calendar_writes_what_the_arabic_input_reads(client, secretariat):
    client.force_login(secretariat)
    page = client.get("/ar/admin/jsi18n/").content.decode()
    written = re.search(r'"DATE_INPUT_FORMATS": \[\s*"([^"]+)"', page).group(1)
    assert written == "%Y-%m-%d"
    assert '"DATETIME_FORMAT": "j F Y\\u060c H:i"' in page


def test_the_arabic_admin_writes_dates_in_arabic_order(client, secretariat):
    mail = OutboundMail.objects.create(from_email="wsis@itu.int", to=["a@example.org"], subject="x", body="x")
    OutboundMail.objects.filter(pk=mail.pk).update(created_at=datetime(2026, 1, 1, 11, 0, tzinfo=UTC))
    client.force_login(secretariat)
    page = client.get("/ar/admin/mail/outboundmail/").content.decode()
    assert "1 يناير 2026، 12:00" in page
    assert "ظهراً" not in page
