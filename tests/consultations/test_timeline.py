"""The consultation's public timeline: its introduction, its phases with their dates in Geneva time and in
the reader's, what is open now, its meetings, and what to do while it accepts submissions."""

import pytest

from tests.consultations.factories import CLOSED, OPEN, ConsultationFactory, MeetingFactory
from tests.factories import EditionFactory, PhaseFactory
from wsis_portal.editions.models import Format
from wsis_portal.editions.schedule import geneva_time

pytestmark = pytest.mark.django_db


def page(client, url="/en/consultations/", zone=None):
    if zone:
        client.cookies["wsis_tz"] = zone
    response = client.get(url)
    return response, " ".join(response.content.decode().split())


@pytest.fixture
def consultation(db):
    consultation = ConsultationFactory()
    PhaseFactory(
        edition=consultation.edition,
        key="launch",
        name_en="Launch and call for nominations",
        name_ar="الإطلاق والدعوة إلى الترشيح",
        opens_at=geneva_time(2025, 11, 10, 9, 0),
        closes_at=geneva_time(2025, 12, 22, 23, 59),
    )
    PhaseFactory(
        edition=consultation.edition,
        process="stocktaking",
        key="submissions",
        name_en="Stocktaking submissions",
        name_ar="تقديمات منصة التقييم",
    )
    MeetingFactory(
        consultation=consultation,
        title_en="Second physical meeting",
        title_ar="الاجتماع الحضوري الثاني",
        format=Format.HYBRID,
        venue_en="ITU headquarters, Geneva",
        venue_ar="مقر الاتحاد، جنيف",
        link="https://meet.example.org/ocp-2",
    )
    return consultation


def test_timeline_shows_the_introduction_and_the_consultation_phases_in_order(
    client, consultation, time_machine
):
    time_machine.move_to(OPEN, tick=False)
    response, html = page(client)
    assert response.status_code == 200
    assert '<h1 id="consultation-title">Open consultation for the WSIS Forum 2026</h1>' in html
    assert "Tell us what the next Forum should discuss and how." in html
    names = [phase.name for phase in response.context["phases"]]
    assert names == [
        "Launch and call for nominations",
        "Official contributions and binding workshop requests",
    ]
    assert "Stocktaking submissions" not in html


def test_open_phase_is_marked_and_its_deadline_is_in_geneva_and_the_readers_time(
    client, consultation, time_machine
):
    time_machine.move_to(OPEN, tick=False)
    response, html = page(client, zone="America/New_York")
    assert response.context["open_phase"].key == "contributions"
    assert (
        "<h3>Official contributions and binding workshop requests "
        '<span class="badge badge-open">Open now</span></h3>'
    ) in html
    assert html.count("Open now") == 1
    assert "20 March 2026, 23:59 <bdi>CET</bdi> (Geneva time)" in html
    assert "<bdi>New York</bdi> time: 20 March 2026, 18:59 <bdi>EDT</bdi>" in html
    assert "10 November 2025, 09:00</time></bdi> <bdi>CET</bdi> (Geneva time)" in html


def test_meetings_show_their_time_format_venue_and_link(client, consultation, time_machine):
    time_machine.move_to(OPEN, tick=False)
    _response, html = page(client, zone="America/New_York")
    assert '<h3 id="meeting-' in html and "Second physical meeting</h3>" in html
    assert "5 February 2026, 14:00</time></bdi>–<bdi><time" in html
    assert "16:00</time></bdi> <bdi>CET</bdi> (Geneva time)" in html
    assert (
        "<bdi>New York</bdi> time: <bdi>5 February 2026, 08:00</bdi>–<bdi>10:00</bdi> <bdi>EST</bdi>" in html
    )
    assert "<dd>Hybrid (in person with remote participation)</dd>" in html
    assert "<dd>ITU headquarters, Geneva</dd>" in html
    assert (
        '<a href="https://meet.example.org/ocp-2" rel="noopener">Join or follow “Second physical meeting”</a>'
        in html
    )


def test_geneva_reader_sees_geneva_time_only(client, consultation, time_machine):
    time_machine.move_to(OPEN, tick=False)
    _response, html = page(client)
    assert "deadline-local" not in html


def test_calls_to_action_are_shown_while_submissions_are_accepted(client, consultation, time_machine):
    time_machine.move_to(OPEN, tick=False)
    _response, html = page(client)
    assert (
        '<a class="button button-primary" href="/en/consultations/contributions/new/">Send a contribution</a>'
        in html
    )
    assert '<a class="button" href="/en/consultations/workshops/new/">Request a workshop</a>' in html
    assert (
        '<a class="button" href="/en/consultations/nominations/new/">'
        "Nominate a high-level track facilitator</a>" in html
    )


def test_no_call_to_action_and_no_open_phase_after_the_deadline(client, consultation, time_machine):
    time_machine.move_to(CLOSED, tick=False)
    response, html = page(client)
    assert response.context["accepting"] is False
    assert response.context["open_phase"] is None
    assert "/consultations/contributions/new/" not in html
    assert "Open now" not in html
    assert "Passed" in html


def test_timeline_is_in_arabic_on_the_arabic_page(client, consultation, time_machine):
    time_machine.move_to(OPEN, tick=False)
    _response, html = page(client, "/ar/consultations/")
    assert "أخبرونا بما ينبغي أن يناقشه المنتدى القادم وكيف." in html
    assert "الاجتماع الحضوري الثاني" in html
    assert "<dd>مقر الاتحاد، جنيف</dd>" in html
    assert "المساهمات الرسمية والطلبات الملزمة بشأن عقد ورش عمل" in html


def test_timeline_of_another_year(client, consultation, time_machine):
    time_machine.move_to(OPEN, tick=False)
    ConsultationFactory(
        edition=EditionFactory(year=2025), introduction_en="Last year's consultation.", phase=False
    )
    response, html = page(client, "/en/consultations/2025/")
    assert response.status_code == 200
    assert "Open consultation for the WSIS Forum 2025" in html
    assert "Last year&#x27;s consultation." in html
    assert response.context["phases"] == []
    assert "No dates have been announced yet for this edition." in html


def test_year_without_a_consultation_is_not_found(client, consultation):
    assert client.get("/en/consultations/2019/").status_code == 404


def test_current_edition_without_a_consultation_says_it_is_not_announced(client, time_machine):
    time_machine.move_to(OPEN, tick=False)
    EditionFactory()
    response, html = page(client)
    assert response.status_code == 200
    assert "The open consultation for the next Forum has not been announced yet." in html


def test_timeline_without_any_meeting_says_so(client, time_machine):
    time_machine.move_to(OPEN, tick=False)
    ConsultationFactory()
    _response, html = page(client)
    assert "No consultation meeting has been announced yet." in html


@pytest.mark.parametrize("count", [1, 3])
def test_timeline_query_count_does_not_grow_with_meetings(
    client, django_assert_num_queries, time_machine, count
):
    time_machine.move_to(OPEN, tick=False)
    consultation = ConsultationFactory()
    MeetingFactory.create_batch(count, consultation=consultation)
    # current edition, its phases (cached), the consultation, its edition's phases, its meetings
    with django_assert_num_queries(5):
        response = client.get("/en/consultations/")
    assert len(response.context["meetings"]) == count
