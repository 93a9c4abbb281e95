"""The home page of the current edition: the four processes with their state and next deadline."""

from datetime import UTC, date, datetime

import pytest

from tests.factories import EditionFactory, PhaseFactory
from wsis_portal.editions.models import Edition, Process
from wsis_portal.editions.schedule import geneva_time


@pytest.fixture
def in_february_2026(time_machine):
    time_machine.move_to(datetime(2026, 2, 10, 12, 0, tzinfo=UTC), tick=False)


def test_home_lists_the_four_processes_in_order(client, db, in_february_2026):
    EditionFactory()
    html = client.get("/en/").content.decode()
    positions = [html.index(str(process.label)) for process in Process]
    assert positions == sorted(positions)


def test_open_process_shows_its_phase_and_next_deadline(client, db, in_february_2026):
    PhaseFactory(process=Process.PRIZES, name_en="Submission", closes_at=geneva_time(2026, 3, 15, 23, 59))
    html = " ".join(client.get("/en/").content.decode().split())
    assert 'Open now</span> <span dir="auto">Submission</span>' in html
    assert "15 March 2026, 23:59 <bdi>CET</bdi> (Geneva time)" in html
    assert "1 month left" in html or "4 weeks left" in html


def test_closed_process_shows_its_last_deadline(client, db, time_machine):
    time_machine.move_to(datetime(2026, 3, 21, tzinfo=UTC), tick=False)
    PhaseFactory(process=Process.CONSULTATION, closes_at=geneva_time(2026, 3, 20, 23, 59))
    html = " ".join(client.get("/ar/").content.decode().split())
    assert "مغلق" in html
    assert "آخر موعد نهائي:" in html
    assert "انقضى" in html


def test_process_without_dates_says_so(client, db, in_february_2026):
    EditionFactory()
    assert "No dates have been announced yet for this edition." in client.get("/en/").content.decode()


def test_reader_time_zone_from_the_browser_cookie(client, db, in_february_2026):
    PhaseFactory(process=Process.PRIZES, closes_at=geneva_time(2026, 3, 15, 23, 59))
    client.cookies["wsis_tz"] = "America/New_York"
    html = " ".join(client.get("/en/").content.decode().split())
    assert "<bdi>New York</bdi> time: 15 March 2026, 18:59 <bdi>EDT</bdi>" in html


def test_bogus_time_zone_cookie_falls_back_to_geneva(client, db, in_february_2026):
    PhaseFactory(process=Process.PRIZES)
    client.cookies["wsis_tz"] = "Nowhere/Atlantis"
    assert client.get("/en/").status_code == 200


def test_current_edition_is_the_next_forum_then_the_latest(db, time_machine):
    EditionFactory(year=2026)
    EditionFactory(year=2027, starts_on=date(2027, 7, 5), ends_on=date(2027, 7, 9))
    time_machine.move_to(datetime(2026, 7, 10, 20, 0, tzinfo=UTC), tick=False)
    assert Edition.objects.current().year == 2026
    time_machine.move_to(datetime(2026, 7, 11, 8, 0, tzinfo=UTC), tick=False)
    assert Edition.objects.current().year == 2027
    time_machine.move_to(datetime(2028, 1, 1, tzinfo=UTC), tick=False)
    assert Edition.objects.current().year == 2027


def test_home_without_any_edition(client, db):
    assert "No Forum edition has been announced yet." in client.get("/ar/").content.decode() or (
        "لم يُعلن بعدُ عن أي دورة من دورات المنتدى." in client.get("/ar/").content.decode()
    )


@pytest.mark.parametrize("phases", [1, 3])
def test_home_runs_two_queries_whatever_the_number_of_phases(
    client, db, django_assert_num_queries, phases, in_february_2026
):
    edition = EditionFactory()
    for n in range(phases):
        PhaseFactory(edition=edition, process=list(Process)[n % 4])
    with django_assert_num_queries(2):
        client.get("/en/")


def test_health_check(client, db):
    assert client.get("/healthz/").json() == {"status": "ok"}


def test_home_shows_a_staff_change_of_a_phase_at_once(client, db, in_february_2026):
    phase = PhaseFactory(process=Process.PRIZES, name_en="Submission")
    assert "Submission" in client.get("/en/").content.decode()
    phase.name_en = "Submission and nomination"
    phase.save()
    assert "Submission and nomination" in client.get("/en/").content.decode()


def test_cached_home_closes_a_process_at_its_deadline_minute(client, db, time_machine):
    PhaseFactory(process=Process.PRIZES, name_en="Submission", closes_at=geneva_time(2026, 3, 15, 23, 59))
    time_machine.move_to(datetime(2026, 3, 15, 22, 58, 30, tzinfo=UTC), tick=False)
    assert "Open now" in client.get("/en/").content.decode()
    time_machine.move_to(datetime(2026, 3, 15, 22, 59, 0, tzinfo=UTC), tick=False)
    html = client.get("/en/").content.decode()
    assert "Open now" not in html
    assert "Passed" in html
