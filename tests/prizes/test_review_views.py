"""The expert's pages: the projects to score, the score form (translated errors that lose nothing,
read-only after the deadline), the declaration of a conflict, and 403 with its reason for a project the
expert may not see."""

import pytest
from django.contrib.messages import get_messages

from prizes import review
from prizes.models import ConflictOfInterest, Score
from tests.factories import UserFactory
from tests.prizes.test_review_fixtures import (
    AFTER_NOMINATION,
    IN_NOMINATION,
    IN_SELECTION,
    SCORES,
    expert,
    project,
    review_cycle,
    score,
)

pytestmark = pytest.mark.django_db
LIST = "/en/prizes/review/"


@pytest.fixture
def cycle(time_machine):
    time_machine.move_to(IN_NOMINATION, tick=False)
    return review_cycle()


@pytest.fixture
def amina(cycle):
    return expert(cycle, "C3", email="amina.expert@example.org", full_name="Amina Expert")


@pytest.fixture
def signed_in(client, amina):
    client.force_login(amina)
    return client


def html(response):
    return " ".join(response.content.decode().split())


def flash(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def score_form(**changes):
    return {**{name: str(value) for name, value in SCORES.items()}, "comment": "Strong results.", **changes}


# The list


def test_list_shows_the_projects_of_the_experts_categories_with_what_is_left_to_score(
    signed_in, cycle, amina
):
    library = project(cycle, title="Mobile libraries")
    score(project(cycle, title="Rural clinics"), amina)
    project(cycle, code="C7.4", title="Another category")
    page = html(signed_in.get(LIST))
    assert "Mobile libraries" in page and "Rural clinics" in page
    assert "Another category" not in page
    assert page.count("<strong>To score</strong>") == 1
    assert f'href="/en/prizes/review/{library.pk}/conflict/"' in page


def test_list_refuses_an_account_outside_the_expert_group(client, cycle):
    client.force_login(UserFactory())
    response = client.get(LIST)
    assert response.status_code == 403
    assert "You are not a member of the expert group of the current WSIS Prizes." in html(response)


def test_list_in_arabic_is_right_to_left(signed_in, cycle):
    page = html(signed_in.get("/ar/prizes/review/"))
    assert '<html lang="ar" dir="rtl">' in page


@pytest.mark.parametrize("count", [1, 3])
def test_list_runs_a_fixed_number_of_queries(signed_in, cycle, amina, django_assert_num_queries, count):
    for _n in range(count):
        score(project(cycle), amina)
        review.declare_conflict(project(cycle), amina, "I advise it.")
    # session, user, the current edition and the cycle (each with its phases), assignments, projects,
    # conflicts
    with django_assert_num_queries(9):
        signed_in.get(LIST)


# Scoring


def test_expert_scores_a_project_and_goes_back_to_the_list(signed_in, cycle, amina):
    library = project(cycle, title="Mobile libraries")
    response = signed_in.post(f"{LIST}{library.pk}/", score_form())
    assert response.status_code == 302 and response["Location"] == LIST
    assert flash(response) == [
        "Your score of “Mobile libraries” has been saved; you can change it until the deadline."
    ]
    assert Score.objects.values_list("expert", "stage", "partnerships", "comment").get() == (
        amina.pk,
        "nomination",
        4,
        "Strong results.",
    )


def test_score_page_offers_the_criteria_with_their_weights(signed_in, cycle):
    page = html(signed_in.get(f"{LIST}{project(cycle).pk}/"))
    assert page.count('type="number" name=') == 7
    assert "Relevance to the SDGs" in page
    assert page.count("Weight: 14% of the score.") == 7


def test_score_out_of_range_is_refused_and_nothing_typed_is_lost(signed_in, cycle):
    library = project(cycle)
    response = signed_in.post(f"{LIST}{library.pk}/", score_form(wsis_values="11", comment="Keep this."))
    page = html(response)
    assert response.status_code == 400
    assert 'role="alert"' in page
    assert "WSIS values: Give a whole number from 0 to 10." in page
    assert 'name="wsis_values" value="11"' in page
    assert "Keep this.</textarea>" in page
    assert not Score.objects.exists()


def test_score_page_is_read_only_after_the_deadline(signed_in, cycle, amina, time_machine):
    library = project(cycle)
    score(library, amina)
    time_machine.move_to(AFTER_NOMINATION, tick=False)
    signed_in.force_login(amina)  # a month later the session has expired
    page = html(signed_in.get(f"{LIST}{library.pk}/"))
    assert '<form method="post" novalidate' not in page
    assert "The scoring of this stage is closed: your scores are kept and shown read-only." in page
    assert "<dt>Partnerships</dt><dd><bdi>4</bdi></dd>" in page


def test_score_sent_after_the_deadline_is_refused_and_the_score_kept(signed_in, cycle, amina, time_machine):
    library = project(cycle)
    score(library, amina)
    time_machine.move_to(AFTER_NOMINATION, tick=False)
    signed_in.force_login(amina)
    response = signed_in.post(f"{LIST}{library.pk}/", score_form(partnerships="10"))
    assert response.status_code == 400
    assert "The experts&#x27; scoring of this stage is closed: scores can no longer be changed." in html(
        response
    )
    assert Score.objects.get().partnerships == 4


def test_expert_opening_a_conflicted_project_is_refused_with_the_reason(signed_in, cycle, amina):
    library = project(cycle)
    review.declare_conflict(library, amina, "I advise it.")
    for url in (f"{LIST}{library.pk}/", f"{LIST}{library.pk}/conflict/"):
        response = signed_in.get(url)
        assert response.status_code == 403
        assert "You declared a conflict of interest with this project" in html(response)
    assert signed_in.post(f"{LIST}{library.pk}/", score_form()).status_code == 403
    assert not Score.objects.exists()


def test_expert_of_another_category_is_refused(signed_in, cycle):
    response = signed_in.get(f"{LIST}{project(cycle, code='C7.4').pk}/")
    assert response.status_code == 403
    assert "This project is not in a category you are assigned to." in html(response)


def test_project_not_scored_at_the_current_stage_is_missing(signed_in, cycle, amina, time_machine):
    nominee = project(cycle, state="nominee")
    time_machine.move_to(IN_SELECTION, tick=False)
    signed_in.force_login(amina)
    assert signed_in.get(f"{LIST}{nominee.pk}/").status_code == 404


def test_draft_is_missing(signed_in, cycle):
    assert signed_in.get(f"{LIST}{project(cycle, state='draft').pk}/").status_code == 404


# Conflicts


def test_expert_declares_a_conflict_and_no_longer_sees_the_project(signed_in, cycle, amina):
    library = project(cycle, title="Mobile libraries")
    response = signed_in.post(f"{LIST}{library.pk}/conflict/", {"reason": "I advise the project."})
    assert response.status_code == 302
    assert flash(response) == [
        "Your conflict of interest with “Mobile libraries” is recorded: the project is now hidden from you."
    ]
    assert ConflictOfInterest.objects.values_list("expert", "reason").get() == (
        amina.pk,
        "I advise the project.",
    )
    page = html(signed_in.get(LIST))
    assert "No project to score at this stage." in page
    assert 'Mobile libraries</span>: <span dir="auto">I advise the project.</span>' in page


def test_conflict_without_its_nature_is_refused(signed_in, cycle):
    response = signed_in.post(f"{LIST}{project(cycle).pk}/conflict/", {"reason": ""})
    assert response.status_code == 400
    assert "Say what your interest in this project is." in html(response)
    assert not ConflictOfInterest.objects.exists()
