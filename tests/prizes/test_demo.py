"""The demo's 2026 prize cycle: the announced deadline, the later phases, nine projects that meet every rule
of the cycle, its published results with their certificates (rendered once the demo's transaction commits),
loaded twice without a duplicate."""

from datetime import UTC, datetime

import pytest
from django.core.management import call_command

from prizes import eligibility, results, services
from prizes.models import Certificate, ExpertAssignment, PrizeCycle, Submission
from wsis_portal.stakeholders.models import User


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=None)


def test_the_2026_cycle_closes_on_15_march_2026_in_geneva_time(demo):
    cycle = PrizeCycle.objects.get(edition__year=2026)
    assert cycle.submission_phase.closes_at == datetime(2026, 3, 15, 22, 59, tzinfo=UTC)
    assert (cycle.short_description_min_words, cycle.short_description_max_words) == (150, 200)
    assert cycle.introduction_ar.startswith("تُكرّم جوائز القمة")


def test_loading_twice_duplicates_nothing(demo):
    call_command("load_demo", stdout=None)
    assert list(
        Submission.objects.order_by("reference").values_list("reference", "category__action_line__code")
    ) == [
        ("WSIS-PR-2026-00001", "C2"),
        ("WSIS-PR-2026-00002", "C7.1"),
        ("WSIS-PR-2026-00003", "C7.2"),
        ("WSIS-PR-2026-00004", "C2"),
        ("WSIS-PR-2026-00005", "C2"),
        ("WSIS-PR-2026-00006", "C7.1"),
        ("WSIS-PR-2026-00007", "C7.1"),
        ("WSIS-PR-2026-00008", "C7.2"),
        ("WSIS-PR-2026-00009", "C7.2"),
    ]
    assert Certificate.objects.count() == 9
    assert ExpertAssignment.objects.count() == 2


def test_the_demo_projects_meet_every_rule_of_their_cycle(demo):
    stakeholder = User.objects.get(email="stakeholder@example.org")
    for submission in Submission.objects.all():
        assert submission.counts
        assert eligibility.problems(submission, stakeholder) == {}, submission.title


def test_the_demo_stakeholder_sees_the_confirmed_nomination_in_my_submissions(demo, time_machine):
    time_machine.move_to(datetime(2026, 11, 23, 12, 0, tzinfo=UTC), tick=False)
    stakeholder = User.objects.get(email="stakeholder@example.org")
    seen = Submission.objects.of(stakeholder)
    # Their nomination, and the projects of the two organisations they are a confirmed focal point of.
    (nomination,) = seen.filter(kind="nomination")
    assert (nomination.title, nomination.kind, nomination.confirmation) == (
        "Digital skills for women entrepreneurs",
        "nomination",
        "confirmed",
    )
    assert sorted(seen.filter(kind="submission").values_list("organisation__name", flat=True)) == [
        "Community Networks Alliance",
        "Nile Digital Inclusion Forum",
    ]
    assert services.current_cycle().edition.year == 2026
    assert not services.can_change(nomination)


def test_the_2026_cycle_went_through_every_phase_before_the_forum_ended(demo):
    cycle = PrizeCycle.objects.get(edition__year=2026)
    phases = {
        key: cycle.phase(key) for key in ("submission", "nomination", "voting", "selection", "ceremony")
    }
    assert [key for key, _phase in sorted(phases.items(), key=lambda item: item[1].opens_at)] == list(phases)
    assert phases["ceremony"].opens_at == datetime(2026, 7, 7, 15, 0, tzinfo=UTC)
    assert phases["nomination"].closes_at < cycle.nominees_published_at <= phases["voting"].opens_at
    assert phases["voting"].closes_at < cycle.champions_published_at < phases["selection"].opens_at
    assert cycle.winners_published_at == datetime(2026, 7, 7, 16, 0, tzinfo=UTC)


def test_three_categories_have_a_winner_a_champion_and_a_nominee(demo, time_machine):
    time_machine.move_to(datetime(2026, 12, 6, 9, 0, tzinfo=UTC), tick=False)
    cycle = PrizeCycle.objects.get(edition__year=2026)
    assert [
        (r.category.code, r.winner.title, [p.title for p in r.champions], [p.title for p in r.nominees])
        for r in results.results_by_category(cycle)
    ] == [
        (
            "C2",
            "Community networks for rural broadband",
            ["Open-access fibre for county hospitals and schools"],
            ["Cyclone-ready island connectivity"],
        ),
        (
            "C7.1",
            "منصة الحكومة الإلكترونية للخدمات البلدية",
            ["خدمات حكومية رقمية ميسّرة للجميع"],
            ["A paperless land registry for Andean communities"],
        ),
        (
            "C7.2",
            "سوق إلكترونية لتعاونيات الصناعة التقليدية",
            ["Digital skills for women entrepreneurs"],
            ["Cross-border mobile payments for small traders"],
        ),
    ]


def test_the_certificates_are_dated_as_published_and_rendered_once_the_demo_commits(
    db, settings, django_capture_on_commit_callbacks, eager_celery
):
    settings.DEBUG = True
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=None)
    cycle = PrizeCycle.objects.get(edition__year=2026)
    assert set(Certificate.objects.values_list("kind", "issued_at", "status")) == {
        ("champion", cycle.champions_published_at, "done"),
        ("winner", cycle.winners_published_at, "done"),
    }
    assert Certificate.objects.filter(kind="winner").count() == 3
    assert Certificate.objects.exclude(pdf_ar="").exclude(pdf_en="").count() == 9


def test_the_demo_reviewer_is_an_expert_of_two_categories(demo):
    reviewer = User.objects.get(email="reviewer@example.org")
    assert list(
        ExpertAssignment.objects.filter(expert=reviewer).values_list(
            "cycle__edition__year", "category__action_line__code"
        )
    ) == [(2026, "C2"), (2026, "C7.1")]
