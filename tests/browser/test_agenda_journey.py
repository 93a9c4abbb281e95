"""A visitor of the Forum agenda, in Arabic and English: filters the week's sessions by type and format,
opens one, and downloads the iCal file of the filtered agenda, which the test parses. axe-core checks every
page visited."""

import re
from datetime import UTC, date, datetime
from pathlib import Path

from icalendar import Calendar
from playwright.sync_api import expect

from forum_events.models import Session, SessionSpeaker, SessionType
from tests.browser.conftest import Accessibility
from tests.factories import EditionFactory
from wsis_portal.editions.models import Format
from wsis_portal.editions.schedule import geneva_time


def session(edition, kind, title_en, title_ar, day, hour, fmt=Format.HYBRID):
    return Session.objects.create(
        edition=edition,
        kind=kind,
        title_en=title_en,
        title_ar=title_ar,
        format=fmt,
        starts_at=geneva_time(2027, 7, day, hour, 0),
        ends_at=geneva_time(2027, 7, day, hour + 1, 30),
        room="Room C, CICG",
        remote_link="https://meet.example.org/forum-2027" if fmt != Format.IN_PERSON else "",
    )


def test_visitor_filters_the_agenda_and_downloads_its_calendar(new_page, reference_data):
    edition = EditionFactory(year=2027, starts_on=date(2027, 7, 5), ends_on=date(2027, 7, 9))
    talkx = session(
        edition, SessionType.TALKX, "TalkX: data for climate", "حلقة محادثات: بيانات المناخ", 6, 9
    )
    session(edition, SessionType.TALKX, "TalkX on site", "حلقة محادثات حضورية", 7, 14, Format.IN_PERSON)
    session(edition, SessionType.OPENING, "Opening of the Forum week", "افتتاح أسبوع المنتدى", 5, 9)
    SessionSpeaker.objects.create(session=talkx, name="Mere Tuilagi", organisation="Pacific Open Data Lab")

    page = new_page("ar")
    axe = Accessibility(page)
    page.goto("/ar/forum/")
    expect(page.locator("main")).to_contain_text("افتتاح أسبوع المنتدى")
    axe.check()
    page.locator("select[name=kind]").select_option("talkx")
    page.locator("select[name=format]").select_option("hybrid")
    page.get_by_role("button", name="عرض الجلسات").click()
    expect(page).to_have_url(re.compile(r"kind=talkx.*format=hybrid"))
    expect(page.locator("main")).to_contain_text("حلقة محادثات: بيانات المناخ")
    expect(page.locator("main")).not_to_contain_text("افتتاح أسبوع المنتدى")
    expect(page.locator("main")).not_to_contain_text("حلقة محادثات حضورية")
    axe.check()

    with page.expect_download() as download:
        page.get_by_role("link", name="إضافة هذه الجلسات إلى تقويمي (iCal)").click()
    calendar = Calendar.from_ical(Path(download.value.path()).read_bytes())
    events = calendar.walk("VEVENT")
    assert [str(event["SUMMARY"]) for event in events] == ["حلقة محادثات: بيانات المناخ"]
    event = events[0]
    assert event["DTSTART"].dt.astimezone(UTC) == datetime(2027, 7, 6, 7, 0, tzinfo=UTC)
    assert event["DTSTART"].params["TZID"] == "Europe/Zurich"
    assert str(event["URL"]).endswith(f"/forum/sessions/{talkx.pk}/")
    assert "https://meet.example.org/forum-2027" in str(event["DESCRIPTION"])
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/Zurich"]

    # The session's own page, in English.
    english = new_page("en")
    english_axe = Accessibility(english)
    english.goto("/en/forum/?kind=talkx&format=hybrid")
    english.get_by_role("link", name="TalkX: data for climate").click()
    expect(english.get_by_role("heading", level=1)).to_have_text("TalkX: data for climate")
    expect(english.locator("main")).to_contain_text("Mere Tuilagi")
    expect(english.locator("main")).to_contain_text("Room C, CICG")
    english_axe.check()
