"""The demo's 2026 prize cycle: the announced deadline, three projects that meet every rule of the cycle,
loaded twice without a duplicate."""

from datetime import UTC, datetime

import pytest
from django.core.management import call_command

from prizes import eligibility, services
from prizes.models import PrizeCycle, Submission
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
    ]


def test_the_demo_projects_meet_every_rule_of_their_cycle(demo):
    stakeholder = User.objects.get(email="stakeholder@example.org")
    for submission in Submission.objects.all():
        assert submission.counts
        assert eligibility.problems(submission, stakeholder) == {}, submission.title


def test_the_demo_stakeholder_sees_the_confirmed_nomination_in_my_submissions(demo, time_machine):
    time_machine.move_to(datetime(2026, 11, 23, 12, 0, tzinfo=UTC), tick=False)
    stakeholder = User.objects.get(email="stakeholder@example.org")
    (nomination,) = Submission.objects.of(stakeholder)
    assert (nomination.title, nomination.kind, nomination.confirmation) == (
        "Digital skills for women entrepreneurs",
        "nomination",
        "confirmed",
    )
    assert services.current_cycle().edition.year == 2026
    assert not services.can_change(nomination)
