"""The results of a cycle and their certificates: what the public sees at each publication, one
certificate per project and kind with a unique code, PDFs in Arabic and English rendered once, and lost or
failed renderings taken up again."""

import re
import subprocess
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from kombu.exceptions import OperationalError

from prizes import results
from prizes.models import Certificate, Submission
from prizes.tasks import render_certificate, requeue_stale_certificates
from tests.factories import OrganisationFactory, PrizeCycleFactory, PrizeSubmissionFactory, prize_category
from wsis_portal.direction import text_direction

pytestmark = pytest.mark.usefixtures("eager_celery")
BIDI_CONTROLS = dict.fromkeys(range(0x202A, 0x202F))
PUBLISHED_NOMINEES = datetime(2026, 4, 14, 10, 0, tzinfo=UTC)
PUBLISHED_CHAMPIONS = datetime(2026, 5, 20, 10, 0, tzinfo=UTC)
PUBLISHED_WINNERS = datetime(2026, 7, 7, 16, 0, tzinfo=UTC)
ARABIC_TITLE = "شبكات مجتمعية للنطاق العريض في الأرياف"
ARABIC_ORGANISATION = "منتدى النيل للإدماج الرقمي"


def text_of(content):
    """The text of a PDF as poppler extracts it, without the direction marks it adds."""
    out = subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True, check=True).stdout
    return " ".join(out.decode().translate(BIDI_CONTROLS).split())


@pytest.fixture
def in_july(time_machine):
    time_machine.move_to(datetime(2026, 7, 8, 12, 0, tzinfo=UTC), tick=False)


@pytest.fixture
def cycle(db, in_july):
    return PrizeCycleFactory()


def project(cycle, state, code="C2", title=None, organisation=None, **fields):
    return PrizeSubmissionFactory(
        cycle=cycle,
        state=state,
        category=prize_category(code),
        title=title or f"{state.title()} project in {code}",
        organisation=organisation or OrganisationFactory(),
        **fields,
    )


@pytest.fixture
def projects(cycle):
    """C2: a winner written in Arabic, a champion, a nominee, a project only submitted; C3: a champion, a
    nominee and a nomination still awaiting its contact's confirmation."""
    return {
        "winner": project(
            cycle,
            "winner",
            title=ARABIC_TITLE,
            language="ar",
            organisation=OrganisationFactory(name=ARABIC_ORGANISATION),
        ),
        "champion": project(cycle, "champion", title="Solar schools online"),
        "nominee": project(cycle, "nominee", title="Village radio archives"),
        "submitted": project(cycle, "submitted", title="Not chosen"),
        "c3_champion": project(cycle, "champion", "C3", title="Open textbooks"),
        "c3_nominee": project(cycle, "nominee", "C3", title="Braille e-readers"),
        "unconfirmed": project(
            cycle, "nominee", "C3", title="Unconfirmed", kind="nomination", confirmation="pending"
        ),
    }


def publish(cycle, *stages):
    fields = {
        "nominees": ("nominees_published_at", PUBLISHED_NOMINEES),
        "champions": ("champions_published_at", PUBLISHED_CHAMPIONS),
        "winners": ("winners_published_at", PUBLISHED_WINNERS),
    }
    for stage in stages:
        name, at = fields[stage]
        setattr(cycle, name, at)
    cycle.save()
    return cycle


def shown(cycle):
    return [
        (
            result.category.code,
            result.winner.title if result.winner else None,
            [p.title for p in result.champions],
            [p.title for p in result.nominees],
        )
        for result in results.results_by_category(cycle)
    ]


# What the public sees


def test_nothing_is_shown_before_the_nominees_are_published(cycle, projects):
    assert shown(cycle) == []


def test_after_the_nominees_every_nominee_is_shown_as_a_nominee(cycle, projects):
    publish(cycle, "nominees")
    assert shown(cycle) == [
        ("C2", None, [], ["Solar schools online", "Village radio archives", ARABIC_TITLE]),
        ("C3", None, [], ["Braille e-readers", "Open textbooks"]),
    ]


def test_after_the_champions_the_winner_is_still_shown_as_a_champion(cycle, projects):
    publish(cycle, "nominees", "champions")
    assert shown(cycle) == [
        ("C2", None, ["Solar schools online", ARABIC_TITLE], ["Village radio archives"]),
        ("C3", None, ["Open textbooks"], ["Braille e-readers"]),
    ]


def test_after_the_winners_each_project_is_shown_at_its_stage(cycle, projects):
    publish(cycle, "nominees", "champions", "winners")
    assert shown(cycle) == [
        ("C2", ARABIC_TITLE, ["Solar schools online"], ["Village radio archives"]),
        ("C3", None, ["Open textbooks"], ["Braille e-readers"]),
    ]


def test_a_publication_dated_later_is_not_shown_yet(cycle, projects):
    cycle.nominees_published_at = timezone.now() + timedelta(hours=1)
    cycle.save()
    assert shown(cycle) == []


def test_the_results_take_two_queries_whatever_their_number(
    cycle, projects, django_assert_num_queries, django_capture_on_commit_callbacks
):
    publish(cycle, "nominees", "champions", "winners")
    with django_capture_on_commit_callbacks(execute=True):
        results.issue_certificates(cycle)
    with django_assert_num_queries(2):
        first = results.results_by_category(cycle)
    project(cycle, "champion", "C7.4", title="Telemedicine")
    with django_assert_num_queries(2):
        assert len(results.results_by_category(cycle)) == len(first) + 1


# Certificates


def kinds(cycle):
    return sorted(
        Certificate.objects.filter(submission__cycle=cycle).values_list("submission__title", "kind")
    )


def test_no_certificate_before_the_champions_are_published(cycle, projects):
    publish(cycle, "nominees")
    assert results.issue_certificates(cycle) == []
    assert not Certificate.objects.exists()


def test_champions_and_the_winner_get_a_champion_certificate_once_champions_are_published(cycle, projects):
    publish(cycle, "nominees", "champions")
    results.issue_certificates(cycle)
    assert kinds(cycle) == [
        ("Open textbooks", "champion"),
        ("Solar schools online", "champion"),
        (ARABIC_TITLE, "champion"),
    ]


def test_the_winner_gets_a_winner_certificate_too_once_winners_are_published(cycle, projects):
    publish(cycle, "nominees", "champions")
    results.issue_certificates(cycle)
    publish(cycle, "winners")
    (new,) = results.issue_certificates(cycle)
    assert (new.submission.title, new.kind) == (ARABIC_TITLE, "winner")
    assert kinds(cycle) == [
        ("Open textbooks", "champion"),
        ("Solar schools online", "champion"),
        (ARABIC_TITLE, "champion"),
        (ARABIC_TITLE, "winner"),
    ]


def test_issuing_again_changes_nothing(cycle, projects):
    publish(cycle, "nominees", "champions", "winners")
    assert len(results.issue_certificates(cycle)) == 4
    before = list(Certificate.objects.values_list("pk", "code", "issued_at"))
    assert results.issue_certificates(cycle) == []
    assert list(Certificate.objects.values_list("pk", "code", "issued_at")) == before


def test_codes_are_unique_grouped_crockford_base32():
    codes = {results.new_code() for _i in range(2000)}
    assert len(codes) == 2000
    for code in codes:
        assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}", code)


def test_a_code_colliding_with_an_existing_one_is_drawn_again(cycle, projects, monkeypatch):
    publish(cycle, "nominees", "champions")
    drawn = iter(["AAAA-BBBB-CCCC", "AAAA-BBBB-CCCC", "DDDD-EEEE-FFFF", "GGGG-HHHH-JJJJ"])
    monkeypatch.setattr(results, "new_code", lambda: next(drawn))
    results.issue_certificates(cycle)
    assert sorted(Certificate.objects.values_list("code", flat=True)) == [
        "AAAA-BBBB-CCCC",
        "DDDD-EEEE-FFFF",
        "GGGG-HHHH-JJJJ",
    ]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("7kq2-m9xd-4hta", "7KQ2-M9XD-4HTA"),
        (" 7KQ2 M9XD 4HTA ", "7KQ2-M9XD-4HTA"),
        ("7KQ2M9XD4HTA", "7KQ2-M9XD-4HTA"),
        ("OI12-L000-0000", "0112-1000-0000"),
        ("7KQ2-M9XD-4HT", None),
        ("7KQ2-M9XD-4HTU", None),
        ("", None),
    ],
)
def test_a_typed_code_is_read_as_printed(typed, expected):
    assert results.normalise_code(typed) == expected


def test_a_certificate_is_public_only_once_its_stage_is_published(cycle, projects):
    publish(cycle, "nominees", "champions")
    results.issue_certificates(cycle)
    champion = Certificate.objects.get(submission=projects["champion"])
    assert results.certificate_for_code(champion.code) == champion
    Certificate.objects.create(submission=projects["winner"], kind="winner", code="WWWW-WWWW-WWWW")
    assert results.certificate_for_code("WWWW-WWWW-WWWW") is None
    assert results.certificate_for_code("0000-0000-0000") is None


# PDFs


@pytest.fixture
def winner_certificate(cycle, projects, django_capture_on_commit_callbacks):
    publish(cycle, "nominees", "champions", "winners")
    with django_capture_on_commit_callbacks(execute=True):
        results.issue_certificates(cycle)
    return Certificate.objects.get(submission=projects["winner"], kind="winner")


def test_issuing_renders_both_pdfs(winner_certificate):
    certificate = winner_certificate
    assert (certificate.status, certificate.error, certificate.attempts) == ("done", "", 1)
    assert certificate.rendered_at is not None
    for language in ("ar", "en"):
        stored = certificate.pdf(language)
        # The in-memory storage outlives a test: a later test's file gets a suffix.
        assert re.fullmatch(
            rf"prizes/certificates/WSIS-Prizes-2026-{certificate.code}-{language}(_\w{{7}})?\.pdf",
            stored.name,
        )
        assert stored.read(5) == b"%PDF-"


def test_arabic_pdf_text_is_in_logical_order_with_the_code_and_address_whole(winner_certificate, settings):
    certificate = winner_certificate
    text = text_of(certificate.pdf_ar.read())
    assert "الاتحاد الدولي للاتصالات" in text
    assert ARABIC_TITLE in text
    assert ARABIC_ORGANISATION in text
    assert "البنية التحتية للمعلومات والاتصالات" in text
    assert "يوليو" in text
    assert certificate.code in text
    assert f"{settings.PORTAL_URL}/ar/prizes/verify/{certificate.code}/" in text
    assert text.index(ARABIC_TITLE) < text.index(ARABIC_ORGANISATION) < text.index("البنية التحتية")


def test_english_pdf_says_what_it_certifies(winner_certificate, settings):
    certificate = winner_certificate
    text = text_of(certificate.pdf_en.read())
    for expected in (
        "International Telecommunication Union",
        "World Summit on the Information Society",
        "WSIS Prizes 2026 Winner",
        "awarded to the project",
        ARABIC_TITLE,
        "carried out by",
        ARABIC_ORGANISATION,
        "in the category C2 Information and communication infrastructure",
        "Geneva, 8 July 2026",
        f"Verification code: {certificate.code}",
        f"{settings.PORTAL_URL}/en/prizes/verify/{certificate.code}/",
    ):
        assert expected in text
    champion = Certificate.objects.get(submission=certificate.submission, kind="champion")
    assert "WSIS Prizes 2026 Champion" in text_of(champion.pdf_en.read())


def test_the_task_renders_a_certificate_once(winner_certificate):
    name = winner_certificate.pdf_en.name
    assert render_certificate(winner_certificate.pk) is False
    assert Certificate.objects.get(pk=winner_certificate.pk).pdf_en.name == name


def test_a_failed_rendering_keeps_its_error_and_is_tried_three_times_at_most(
    cycle, projects, monkeypatch, time_machine, django_capture_on_commit_callbacks
):
    publish(cycle, "nominees", "champions")

    def broken(certificate, language):
        raise OSError("font missing")

    monkeypatch.setattr(results, "certificate_pdf", broken)
    with django_capture_on_commit_callbacks(execute=True):
        results.issue_certificates(cycle)
    certificate = Certificate.objects.get(submission=projects["champion"])
    assert (certificate.status, certificate.error, certificate.attempts) == ("failed", "font missing", 1)
    for attempts in (2, 3):
        time_machine.shift(timedelta(minutes=11))
        assert certificate.pk in results.stale_certificates()
        requeue_stale_certificates()
        assert Certificate.objects.get(pk=certificate.pk).attempts == attempts
    time_machine.shift(timedelta(minutes=11))
    assert results.stale_certificates() == []


def test_a_rendering_whose_worker_died_is_queued_again_after_ten_minutes(
    cycle, projects, time_machine, django_capture_on_commit_callbacks
):
    publish(cycle, "nominees", "champions")
    with django_capture_on_commit_callbacks(execute=True):
        results.issue_certificates(cycle)
    certificate = Certificate.objects.get(submission=projects["champion"])
    Certificate.objects.filter(pk=certificate.pk).update(
        status="rendering", claimed_at=timezone.now() - timedelta(minutes=5), pdf_en="", pdf_ar=""
    )
    assert requeue_stale_certificates() == 0
    time_machine.shift(timedelta(minutes=6))
    assert requeue_stale_certificates() == 1
    assert Certificate.objects.get(pk=certificate.pk).status == "done"


def test_certificates_issued_while_the_broker_is_down_are_rendered_once_it_is_back(
    cycle, projects, monkeypatch, django_capture_on_commit_callbacks, time_machine
):
    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    publish(cycle, "nominees", "champions")
    monkeypatch.setattr(render_certificate, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        results.issue_certificates(cycle)  # no error reaches whoever published
    assert set(Certificate.objects.values_list("status", flat=True)) == {"pending"}
    assert results.stale_certificates() == []  # their tasks may still be on their way
    monkeypatch.undo()
    time_machine.shift(timedelta(minutes=2))
    assert requeue_stale_certificates() == 3
    assert set(Certificate.objects.values_list("status", flat=True)) == {"done"}


def test_the_periodic_job_issues_what_a_lost_publication_call_did_not(
    cycle, projects, django_capture_on_commit_callbacks
):
    publish(cycle, "nominees", "champions")
    with django_capture_on_commit_callbacks(execute=True):
        requeue_stale_certificates()
    assert len(kinds(cycle)) == 3
    assert set(Certificate.objects.values_list("status", flat=True)) == {"done"}


def test_rendering_again_shows_a_corrected_title(winner_certificate, django_capture_on_commit_callbacks):
    Submission.objects.filter(pk=winner_certificate.submission_id).update(title="شبكات مجتمعية للنطاق العريض")
    with django_capture_on_commit_callbacks(execute=True):
        assert results.render_again(Certificate.objects.filter(pk=winner_certificate.pk)) == 1
    after = Certificate.objects.get(pk=winner_certificate.pk)
    assert (after.status, after.attempts, after.code) == ("done", 1, winner_certificate.code)
    text = text_of(after.pdf_ar.read())
    assert "شبكات مجتمعية للنطاق العريض" in text
    assert ARABIC_TITLE not in text


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("Open textbooks", "ltr"),
        (ARABIC_TITLE, "rtl"),
        ("2026 منصة", "rtl"),
        ("«C2» Solar", "ltr"),
        ("", "ltr"),
    ],
)
def test_what_users_write_keeps_its_own_direction_in_the_pdf(text, direction):
    assert text_direction(text) == direction


def test_an_english_title_runs_left_to_right_inside_an_arabic_certificate(cycle, projects):
    publish(cycle, "nominees", "champions")
    results.issue_certificates(cycle)
    html = results.certificate_html(Certificate.objects.get(submission=projects["champion"]), "ar")
    assert '<html lang="ar" dir="rtl">' in html
    assert 'lang="en" dir="ltr">Solar schools online</p>' in html
