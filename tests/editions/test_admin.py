"""Editions and phases are entered in Geneva time in the admin, whatever the clerk's own time zone."""

from datetime import UTC, datetime

import pytest

from tests.factories import EditionFactory, PhaseFactory
from wsis_portal.editions.models import Phase
from wsis_portal.lifecycle.models import AuditEntry


@pytest.fixture
def clerk(client, secretariat):
    secretariat.time_zone = "Asia/Tokyo"
    secretariat.save()
    client.force_login(secretariat)
    return secretariat


def phase_form(edition, closes_date, closes_time):
    return {
        "edition": edition.pk,
        "process": "prizes",
        "key": "submission",
        "name_en": "Submission",
        "name_ar": "التقديم",
        "opens_at_0": "2026-01-10",
        "opens_at_1": "09:00:00",
        "closes_at_0": closes_date,
        "closes_at_1": closes_time,
    }


def test_deadline_typed_in_the_admin_is_geneva_time(client, clerk):
    edition = EditionFactory()
    response = client.post("/en/admin/editions/phase/add/", phase_form(edition, "2026-07-01", "23:00:00"))
    assert response.status_code == 302
    assert Phase.objects.get(key="submission").closes_at == datetime(2026, 7, 1, 21, 0, tzinfo=UTC)


def test_time_skipped_by_spring_forward_is_refused(client, clerk):
    edition = EditionFactory()
    response = client.post("/en/admin/editions/phase/add/", phase_form(edition, "2026-03-29", "02:30:00"))
    assert response.status_code == 200
    assert "it may be ambiguous or it may not exist" in response.content.decode()
    assert not Phase.objects.exists()


def test_time_repeated_by_fall_back_is_refused(client, clerk):
    edition = EditionFactory()
    response = client.post("/ar/admin/editions/phase/add/", phase_form(edition, "2026-10-25", "02:30:00"))
    assert response.status_code == 200
    assert "Europe/Zurich" in response.content.decode()
    assert not Phase.objects.exists()


def test_admin_shows_stored_deadline_in_geneva_time(client, clerk):
    phase = PhaseFactory(closes_at=datetime(2026, 7, 1, 21, 0, tzinfo=UTC))
    html = client.get(f"/en/admin/editions/phase/{phase.pk}/change/").content.decode()
    assert 'value="23:00:00"' in html


def test_deadline_before_opening_is_refused(client, clerk):
    edition = EditionFactory()
    response = client.post("/en/admin/editions/phase/add/", {**phase_form(edition, "2026-01-01", "00:00:00")})
    assert response.status_code == 200
    assert not Phase.objects.exists()


def test_editing_a_phase_is_audited_with_before_and_after(client, clerk):
    phase = PhaseFactory(
        process="prizes",
        key="submission",
        name_en="Submission",
        name_ar="التقديم",
        opens_at=datetime(2026, 1, 10, 8, 0, tzinfo=UTC),
        closes_at=datetime(2026, 3, 15, 22, 59, tzinfo=UTC),
    )
    client.post(
        f"/en/admin/editions/phase/{phase.pk}/change/", phase_form(phase.edition, "2026-03-22", "23:59:00")
    )
    entry = AuditEntry.objects.get(action="changed", object_id=str(phase.pk))
    assert entry.actor == clerk
    assert list(entry.changes) == ["closes_at"]
    assert entry.changes["closes_at"] == ["2026-03-15 23:59:00+01:00", "2026-03-22 23:59:00+01:00"]


def test_edition_with_its_phases_inline_is_saved_and_audited(client, clerk):
    response = client.post(
        "/en/admin/editions/edition/add/",
        {
            "year": 2027,
            "starts_on": "2027-07-05",
            "ends_on": "2027-07-09",
            "venue_en": "Geneva",
            "venue_ar": "جنيف",
            "is_hybrid": "on",
            "phases-TOTAL_FORMS": 1,
            "phases-INITIAL_FORMS": 0,
            "phases-0-process": "consultations",
            "phases-0-key": "contributions",
            "phases-0-name_en": "Contributions",
            "phases-0-name_ar": "المساهمات",
            "phases-0-opens_at_0": "2027-01-05",
            "phases-0-opens_at_1": "09:00:00",
            "phases-0-closes_at_0": "2027-03-19",
            "phases-0-closes_at_1": "23:59:00",
        },
    )
    assert response.status_code == 302
    phase = Phase.objects.get(edition__year=2027)
    assert phase.closes_at == datetime(2027, 3, 19, 22, 59, tzinfo=UTC)
    entry = AuditEntry.objects.get(action="created")
    assert entry.changes["year"] == [None, 2027]
    assert entry.changes[f"phases-{phase.pk}.closes_at"] == [None, "2027-03-19 23:59:00+01:00"]
