"""Reminders of the expert review: an expert with projects left to score in a category is reminded 14, 7
and 1 days before the deadline of the stage's phase, in their language, once; not before the phase opens,
not after its deadline, not for what they scored or declared a conflict with."""

import pytest

from prizes import review
from tests.prizes.test_review_fixtures import (
    IN_NOMINATION,
    IN_SELECTION,
    NOMINATION_DEADLINE,
    SELECTION_DEADLINE,
    expert,
    project,
    review_cycle,
    score,
)
from wsis_portal.editions.schedule import geneva_time
from wsis_portal.mail.models import OutboundMail
from wsis_portal.reminders import registry
from wsis_portal.reminders.services import sweep

pytestmark = pytest.mark.django_db


@pytest.fixture
def cycle(time_machine):
    time_machine.move_to(IN_NOMINATION, tick=False)
    return review_cycle()


def found(key, now):
    return [
        (c.obj.expert.email, c.obj.category.code, c.language, c.anchor, c.context["outstanding"])
        for c in registry.get(key).candidates(now)
    ]


def test_one_rule_per_stage_is_registered():
    assert [
        (r.key, r.offsets, r.optional, r.after, r.template)
        for r in registry.rules()
        if r.key.startswith("prizes.review_")
    ] == [
        ("prizes.review_nomination", (14, 7, 1), True, False, "prizes/email/review_outstanding"),
        ("prizes.review_selection", (14, 7, 1), True, False, "prizes/email/review_outstanding"),
    ]


def test_expert_is_found_with_the_number_of_projects_left_in_each_category(cycle):
    amina = expert(cycle, "C3", "C7.4", email="amina.expert@example.org", preferred_language="ar")
    scored, conflicted = project(cycle), project(cycle)
    project(cycle)
    project(cycle, code="C7.4")
    project(cycle, state="draft")
    score(scored, amina)
    review.declare_conflict(conflicted, amina, "I advise it.")
    assert found("prizes.review_nomination", IN_NOMINATION) == [
        ("amina.expert@example.org", "C3", "ar", NOMINATION_DEADLINE, 1),
        ("amina.expert@example.org", "C7.4", "ar", NOMINATION_DEADLINE, 1),
    ]


def test_expert_who_scored_everything_is_not_reminded(cycle):
    amina = expert(cycle, "C3")
    score(project(cycle), amina)
    assert found("prizes.review_nomination", IN_NOMINATION) == []


def test_no_reminder_before_the_phase_opens_or_after_its_deadline(cycle):
    expert(cycle, "C3")
    project(cycle, state="champion")
    assert found("prizes.review_selection", IN_NOMINATION) == []
    assert found("prizes.review_selection", SELECTION_DEADLINE) == []
    assert len(found("prizes.review_selection", IN_SELECTION)) == 1


def test_selection_reminds_of_the_champions_only(cycle):
    expert(cycle, "C3", email="amina.expert@example.org")
    project(cycle, state="nominee")
    project(cycle, state="champion")
    assert found("prizes.review_selection", IN_SELECTION) == [
        ("amina.expert@example.org", "C3", "en", SELECTION_DEADLINE, 1)
    ]


def test_sweep_mails_the_reminder_once_in_the_experts_language(cycle, time_machine):
    expert(cycle, "C3", email="amina.expert@example.org", full_name="Amina", preferred_language="ar")
    project(cycle)
    project(cycle)
    week_before = geneva_time(2026, 4, 24, 9, 0)
    time_machine.move_to(week_before, tick=False)
    sweep(week_before)
    sweep(week_before)
    (mail,) = OutboundMail.objects.filter(to=["amina.expert@example.org"])
    assert mail.language == "ar"
    assert mail.body.startswith("حضرة Amina،")
    assert "/ar/prizes/review/" in mail.body
    assert '<html lang="ar" dir="rtl">' in mail.html_body
    assert "C3" in mail.body
