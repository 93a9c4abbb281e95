"""The expert review's services: scores only by assigned experts without a conflict, in the stage's window
(Geneva time); conflicts that hide a project and take its scores out of the statistics; the ranking per
category; nominees and winners moved and published by the secretariat, once."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from prizes import review
from prizes.models import PrizeCycle, Score, Submission
from tests.factories import UserFactory
from tests.prizes.test_review_fixtures import (
    AFTER_NOMINATION,
    AFTER_SELECTION,
    IN_NOMINATION,
    IN_SELECTION,
    NOMINATION_DEADLINE,
    SCORES,
    expert,
    project,
    review_cycle,
    score,
)
from wsis_portal.lifecycle.models import AuditEntry
from wsis_portal.mail.models import OutboundMail

pytestmark = pytest.mark.django_db


@pytest.fixture
def at(time_machine):
    def move(instant):
        time_machine.move_to(instant, tick=False)

    return move


@pytest.fixture
def cycle(at):
    at(IN_NOMINATION)
    return review_cycle()


@pytest.fixture
def amina(cycle):
    return expert(cycle, "C3", email="amina.expert@example.org", full_name="Amina Expert")


@pytest.fixture
def clerk(db):
    return UserFactory(is_staff=True, is_superuser=True)


def refusal(function, *args):
    with pytest.raises(ValidationError) as caught:
        function(*args)
    return caught.value.messages


# Scores


def test_assigned_expert_scores_a_project_during_the_nomination_phase(cycle, amina):
    library = project(cycle)
    saved = review.save_score(library, amina, "nomination", {**SCORES, "comment": " Strong results. "})
    assert Score.objects.filter(pk=saved.pk).values(*SCORES, "comment", "stage").get() == {
        **SCORES,
        "comment": "Strong results.",
        "stage": "nomination",
    }
    entry = AuditEntry.objects.get(object_id=str(saved.pk), content_type__model="score")
    assert (entry.action, entry.actor, entry.changes["partnerships"]) == ("created", amina, [None, 4])


def test_saving_again_updates_the_experts_score_and_audits_what_changed(cycle, amina):
    library = project(cycle)
    review.save_score(library, amina, "nomination", SCORES)
    review.save_score(library, amina, "nomination", {**SCORES, "partnerships": 9})
    assert list(Score.objects.values_list("partnerships", flat=True)) == [9]
    entry = AuditEntry.objects.filter(content_type__model="score").order_by("-id").first()
    assert (entry.action, entry.changes) == ("changed", {"partnerships": [4, 9]})


def test_score_is_refused_at_the_nomination_deadline(cycle, amina, at):
    library = project(cycle)
    at(NOMINATION_DEADLINE)
    assert refusal(review.save_score, library, amina, "nomination", SCORES) == [
        "The experts' scoring of this stage is closed: scores can no longer be changed."
    ]
    assert not Score.objects.exists()


def test_score_is_accepted_one_second_before_the_nomination_deadline(cycle, amina, at):
    library = project(cycle)
    at(NOMINATION_DEADLINE.replace(minute=58, second=59))
    review.save_score(library, amina, "nomination", SCORES)
    assert Score.objects.count() == 1


def test_score_is_refused_before_the_selection_phase_opens(cycle, amina):
    champion = project(cycle, state="champion")
    assert refusal(review.save_score, champion, amina, "selection", SCORES) == [
        "The experts' scoring of this stage is closed: scores can no longer be changed."
    ]


def test_expert_of_another_category_may_not_score(cycle):
    other = expert(cycle, "C7.4")
    with pytest.raises(PermissionDenied):
        review.save_score(project(cycle), other, "nomination", SCORES)


def test_expert_with_a_conflict_may_not_score(cycle, amina):
    library = project(cycle)
    review.declare_conflict(library, amina, "I advise the project.")
    with pytest.raises(PermissionDenied):
        review.save_score(library, amina, "nomination", SCORES)


def test_score_above_ten_is_refused(cycle, amina):
    assert refusal(review.save_score, project(cycle), amina, "nomination", {**SCORES, "wsis_values": 11}) == [
        "Give a whole number from 0 to 10."
    ]


def test_a_draft_is_not_scored(cycle, amina):
    with pytest.raises(PermissionDenied):
        review.save_score(project(cycle, state="draft"), amina, "nomination", SCORES)


def test_selection_scores_only_champions(cycle, amina, at):
    nominee = project(cycle, state="nominee")
    at(IN_SELECTION)
    assert refusal(review.save_score, nominee, amina, "selection", SCORES) == [
        "This project is not scored at this stage."
    ]


def test_expert_scores_a_champion_during_the_selection_phase(cycle, amina, at):
    champion = project(cycle, state="champion")
    at(IN_SELECTION)
    review.save_score(champion, amina, "selection", SCORES)
    assert list(Score.objects.values_list("stage", flat=True)) == ["selection"]


# What an expert sees, and conflicts


def test_expert_sees_the_projects_of_their_categories_without_their_conflicts(cycle, amina):
    library = project(cycle, title="Libraries")
    clinic = project(cycle, title="Clinics")
    project(cycle, code="C7.4", title="Another category")
    project(cycle, state="draft", title="A draft")
    review.save_score(library, amina, "nomination", SCORES)
    review.declare_conflict(clinic, amina, "My sister runs it.")
    project(cycle, title="Schools")
    shown = review.projects_to_review(amina, cycle, "nomination")
    assert [(p.title, p.scored) for p in shown] == [("Libraries", True), ("Schools", False)]


def test_conflict_is_recorded_with_its_nature_and_audited(cycle, amina):
    library = project(cycle)
    conflict = review.declare_conflict(library, amina, "  I advise the project.  ")
    assert (conflict.expert, conflict.submission, conflict.reason) == (
        amina,
        library,
        "I advise the project.",
    )
    assert AuditEntry.objects.filter(content_type__model="conflictofinterest", actor=amina).count() == 1


def test_conflict_is_declared_once(cycle, amina):
    library = project(cycle)
    review.declare_conflict(library, amina, "I advise the project.")
    assert refusal(review.declare_conflict, library, amina, "Again.") == [
        "You have already declared a conflict of interest with this project."
    ]


def test_conflict_needs_the_nature_of_the_interest(cycle, amina):
    assert refusal(review.declare_conflict, project(cycle), amina, "   ") == [
        "Say what your interest in this project is."
    ]


def test_conflict_is_only_declared_on_a_project_of_an_assigned_category(cycle, amina):
    with pytest.raises(PermissionDenied):
        review.declare_conflict(project(cycle, code="C7.4"), amina, "I advise it.")


def test_conflict_declared_after_scoring_keeps_the_score_but_stops_counting_it(cycle, amina):
    library = project(cycle)
    review.save_score(library, amina, "nomination", SCORES)
    review.declare_conflict(library, amina, "I joined the organization.")
    (category,) = review.overview(cycle, "nomination")
    assert Score.objects.count() == 1
    assert (category.projects[0].scores, category.projects[0].mean, category.projects[0].missing) == (
        0,
        None,
        [],
    )


# The secretariat's overview


def test_overview_ranks_projects_by_mean_weighted_score_with_their_spread(at):
    at(IN_NOMINATION)
    cycle = review_cycle(results_impact=3)
    first, second = expert(cycle, "C3"), expert(cycle, "C3")
    library, clinic = project(cycle, title="Libraries"), project(cycle, title="Clinics")
    score(clinic, first)  # (8 × 3 + 8 × 4 + 4 + 8) / 9 = 68 / 9
    score(clinic, second, **dict.fromkeys(SCORES, 5))
    score(library, first, **dict.fromkeys(SCORES, 3))
    (category,) = review.overview(cycle, "nomination")
    assert [
        (
            p.submission.title,
            round(p.mean, 4),
            round(p.lowest, 4),
            round(p.highest, 4),
            round(p.deviation, 4),
            p.scores,
        )
        for p in category.projects
    ] == [
        ("Clinics", 6.2778, 5.0, 7.5556, 1.2778, 2),
        ("Libraries", 3.0, 3.0, 3.0, 0.0, 1),
    ]


def test_overview_lists_the_missing_reviews_of_assigned_experts_without_a_conflict(cycle, amina):
    omar = expert(cycle, "C3", full_name="Omar Expert")
    lina = expert(cycle, "C3", full_name="Lina Expert")
    library = project(cycle)
    score(library, amina)
    review.declare_conflict(library, lina, "I work there.")
    (category,) = review.overview(cycle, "nomination")
    assert (category.experts, category.missing, category.projects[0].missing) == (3, 1, ["Omar Expert"])
    assert omar.full_name == "Omar Expert"


def test_overview_leaves_out_scores_of_experts_no_longer_assigned(cycle, amina):
    library = project(cycle)
    score(library, amina)
    amina.prize_assignments.all().delete()
    (category,) = review.overview(cycle, "nomination")
    assert category.projects[0].scores == 0


@pytest.mark.parametrize("count", [1, 3])
def test_overview_runs_four_queries_whatever_its_size(cycle, amina, django_assert_num_queries, count):
    for _n in range(count):
        score(project(cycle), amina)
        expert(cycle, "C3", "C7.4")
        project(cycle, code="C7.4")
    with django_assert_num_queries(4):
        review.overview(cycle, "nomination")


# Nominees


def test_make_nominees_moves_entered_projects_and_refuses_the_others(cycle, clerk):
    library = project(cycle)
    draft = project(cycle, state="draft", reference=None)
    result = review.make_nominees(Submission.objects.filter(pk__in=[library.pk, draft.pk]), clerk)
    assert (result.done, result.refused) == (
        1,
        [f"{draft.pk}: Only a project entered and not yet chosen can become a nominee."],
    )
    library.refresh_from_db()
    assert (library.state, library.decided_by) == ("nominee", clerk)
    entry = AuditEntry.objects.get(content_type__model="submission", object_id=str(library.pk))
    assert entry.changes == {"state": ["submitted", "nominee"]}


def test_make_nominee_needs_the_change_permission_of_submissions(cycle):
    with pytest.raises(PermissionDenied):
        review.make_nominee(project(cycle), UserFactory(is_staff=True))


def test_make_nominee_is_refused_once_the_nominees_are_published(cycle, clerk, at):
    library = project(cycle)
    PrizeCycle.objects.filter(pk=cycle.pk).update(nominees_published_at=AFTER_NOMINATION)
    library.refresh_from_db()
    assert refusal(review.make_nominee, library, clerk) == [
        "The nominees of this cycle are published: they can no longer change."
    ]


def test_publish_nominees_is_refused_while_experts_can_still_score(cycle, clerk):
    project(cycle, state="nominee")
    assert refusal(review.publish_nominees, cycle, clerk) == [
        "The experts can still change their scores: publish once the phase is over."
    ]


def test_publish_nominees_is_refused_while_a_category_with_projects_has_none(cycle, clerk, at):
    project(cycle, state="nominee")
    project(cycle, code="C7.4")
    at(AFTER_NOMINATION)
    assert refusal(review.publish_nominees, cycle, clerk) == [
        "Each category with projects needs its choice first; missing: C7.4 E-health."
    ]
    assert PrizeCycle.objects.get(pk=cycle.pk).nominees_published_at is None


def test_publish_nominees_dates_the_cycle_and_mails_each_nominee_in_their_language(cycle, clerk, at):
    nominee = project(
        cycle, state="nominee", owner=UserFactory(email="nile@example.org", preferred_language="ar")
    )
    project(cycle)
    at(AFTER_NOMINATION)
    review.publish_nominees(cycle, clerk)
    assert PrizeCycle.objects.get(pk=cycle.pk).nominees_published_at == AFTER_NOMINATION
    (mail,) = OutboundMail.objects.filter(to=["nile@example.org"])
    assert (mail.language, nominee.reference in mail.subject) == ("ar", True)
    assert OutboundMail.objects.count() == 1


def test_nominees_are_published_once(cycle, clerk, at):
    project(cycle, state="nominee")
    at(AFTER_NOMINATION)
    review.publish_nominees(cycle, clerk)
    assert refusal(review.publish_nominees, cycle, clerk) == ["These results are already published."]


def test_publishing_needs_the_change_permission_of_cycles(cycle, at):
    at(AFTER_NOMINATION)
    with pytest.raises(PermissionDenied):
        review.publish_nominees(cycle, UserFactory(is_staff=True))


# Winners


def test_choose_winner_moves_a_champion_during_the_selection(cycle, clerk, at):
    champion = project(cycle, state="champion")
    at(IN_SELECTION)
    review.choose_winner(champion, clerk)
    champion.refresh_from_db()
    assert champion.state == "winner"


def test_choose_winner_is_refused_before_the_selection_starts(cycle, clerk):
    assert refusal(review.choose_winner, project(cycle, state="champion"), clerk) == [
        "The selection of the winners has not started yet."
    ]


def test_a_category_has_one_winner(cycle, clerk, at):
    first, second = project(cycle, state="champion"), project(cycle, state="champion")
    at(IN_SELECTION)
    result = review.choose_winners(Submission.objects.filter(pk__in=[first.pk, second.pk]), clerk)
    assert (result.done, result.refused) == (
        1,
        [f"{second.reference}: This category already has its winner."],
    )
    assert list(Submission.objects.filter(state="winner").values_list("pk", flat=True)) == [first.pk]


def test_only_a_champion_becomes_winner(cycle, clerk, at):
    at(IN_SELECTION)
    assert refusal(review.choose_winner, project(cycle, state="nominee"), clerk) == [
        "Only a champion can be chosen as the winner."
    ]


@pytest.fixture
def issued(monkeypatch):
    """``prizes.results.issue_certificates`` replaced by a recorder: the certificates are another part's."""
    calls = []
    monkeypatch.setattr("prizes.results.issue_certificates", calls.append)
    return calls


def test_publish_winners_issues_the_certificates_once_committed(
    cycle, clerk, at, issued, django_capture_on_commit_callbacks
):
    project(cycle, state="winner")
    project(cycle, state="champion")
    at(AFTER_SELECTION)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        review.publish_winners(cycle, clerk)
        assert issued == []
    for callback in callbacks:
        callback()
    assert issued == [cycle]
    assert PrizeCycle.objects.get(pk=cycle.pk).winners_published_at == AFTER_SELECTION


def test_publish_winners_is_refused_while_a_category_of_champions_has_no_winner(cycle, clerk, at, issued):
    project(cycle, state="champion")
    at(AFTER_SELECTION)
    assert refusal(review.publish_winners, cycle, clerk) == [
        "Each category with projects needs its choice first; missing: C3 Access to information and knowledge."
    ]
    assert issued == []


# Concurrency, PostgreSQL only


def attempt(submission, by):
    try:
        return review.choose_winner(submission, by).pk
    except ValidationError:
        return None
    finally:
        connection.close()


@pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
    reason="Concurrent choices only race on PostgreSQL (CI).",
)
# A transactional test before this one may have emptied the reference tables.
@pytest.mark.usefixtures("reference_data")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_ten_clerks_choosing_ten_champions_at_once_give_the_category_one_winner(time_machine):
    time_machine.move_to(IN_SELECTION, tick=False)
    cycle = review_cycle()
    champions = [project(cycle, state="champion") for _n in range(10)]
    clerks = [UserFactory(is_staff=True, is_superuser=True) for _n in range(10)]
    with ThreadPoolExecutor(max_workers=10) as pool:
        results = list(pool.map(attempt, champions, clerks))
    winners = list(Submission.objects.filter(state="winner").values_list("pk", flat=True))
    assert len(winners) == 1
    assert [pk for pk in results if pk is not None] == winners
