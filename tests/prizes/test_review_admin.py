"""The secretariat's screens of the expert review: the overview by category (ranking, spread, missing
reviews) with its decisions and publication, the read-only scores and conflicts, the experts' assignments,
and the exports of scores and ranking as CSV or XLSX."""

import csv
import io

import openpyxl
import pytest
from allauth.account.models import EmailAddress
from django.contrib.messages import get_messages

from prizes import review
from prizes.models import PrizeCycle, Submission
from tests.factories import SecretariatFactory, UserFactory, prize_category
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
from wsis_portal.lifecycle.models import AuditEntry
from wsis_portal.mail.models import OutboundMail

pytestmark = pytest.mark.django_db
OVERVIEW = "/en/admin/prizes/score/overview/"
SUBMISSIONS = "/en/admin/prizes/submission/"


@pytest.fixture
def cycle(time_machine):
    time_machine.move_to(IN_NOMINATION, tick=False)
    return review_cycle()


@pytest.fixture
def clerk(client, db):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def html(response):
    return " ".join(response.content.decode().split())


def flash(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def csv_rows(response):
    content = response.streaming_content if response.streaming else [response.content]
    return list(csv.DictReader(io.StringIO(b"".join(content).decode("utf-8-sig"))))


# The overview


def test_overview_ranks_each_category_with_its_spread_and_missing_reviews(clerk, cycle):
    amina, omar = expert(cycle, "C3", full_name="Amina Expert"), expert(cycle, "C3", full_name="Omar Expert")
    library, clinic = project(cycle, title="Mobile libraries"), project(cycle, title="Rural clinics")
    score(clinic, amina)
    score(clinic, omar, **dict.fromkeys(SCORES, 5))
    score(library, amina, **dict.fromkeys(SCORES, 3))
    page = html(clerk.get(f"{OVERVIEW}?cycle=2026&stage=nomination"))
    assert page.index("Rural clinics") < page.index("Mobile libraries")
    assert "2 experts assigned · 1 review missing" in page
    # Equal weights: (8 × 6 + 4) / 7 = 7.43 and 5; mean 6.21, standard deviation 1.21.
    assert (
        '<bdi>6.21</bdi></td> <td class="number"><bdi>5.00</bdi></td> <td class="number"><bdi>7.43</bdi>'
        in page
    )
    assert '<bdi>1.21</bdi></td> <td class="number"><bdi>2</bdi></td> <td>—</td>' in page
    assert "<bdi>Omar Expert</bdi></td>" in page
    assert 'name="action" value="make_nominees"' in page


@pytest.mark.parametrize("count", [1, 3])
def test_overview_runs_a_fixed_number_of_queries(clerk, cycle, django_assert_num_queries, count):
    for _n in range(count):
        amina = expert(cycle, "C3", "C7.4")
        score(project(cycle), amina)
        project(cycle, code="C7.4")
    # session, user, cycles with their phases (2), the current edition with its phases (2), the cycle
    # with its phases (2), the overview (4)
    with django_assert_num_queries(12):
        clerk.get(OVERVIEW)


def test_nominees_are_marked_from_the_overview_which_the_clerk_returns_to(clerk, cycle):
    library, clinic = project(cycle), project(cycle)
    back = f"{OVERVIEW}?cycle=2026&stage=nomination"
    response = clerk.post(
        SUBMISSIONS,
        {"action": "make_nominees", "index": "0", "_selected_action": [library.pk], "next": back},
    )
    assert (response.status_code, response["Location"]) == (302, back)
    assert flash(response) == ["1 project moved."]
    assert dict(Submission.objects.values_list("pk", "state")) == {
        library.pk: "nominee",
        clinic.pk: "submitted",
    }


def test_choose_winner_action_refuses_a_second_winner_in_the_category(clerk, cycle, time_machine):
    first, second = project(cycle, state="champion"), project(cycle, state="champion")
    time_machine.move_to(IN_SELECTION, tick=False)
    clerk.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = clerk.post(
        SUBMISSIONS, {"action": "choose_winner", "index": "0", "_selected_action": [first.pk, second.pk]}
    )
    assert flash(response) == [
        "1 project moved.",
        f"{second.reference}: This category already has its winner.",
    ]
    assert Submission.objects.get(state="winner") == first


def test_decisions_are_not_offered_to_staff_without_the_change_permission(client, cycle):
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(*review_permissions("view_submission"))
    client.force_login(viewer)
    actions = [
        value for value, _label in client.get(SUBMISSIONS).context["action_form"].fields["action"].choices
    ]
    assert "make_nominees" not in actions and "choose_winner" not in actions


def review_permissions(*codenames):
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(content_type__app_label="prizes", codename__in=codenames)


def test_publish_nominees_from_the_overview(clerk, cycle, time_machine):
    project(cycle, state="nominee")
    time_machine.move_to(AFTER_NOMINATION, tick=False)
    clerk.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = clerk.post(f"{OVERVIEW}publish/", {"cycle": "2026", "stage": "nomination"})
    assert response["Location"] == f"{OVERVIEW}?cycle=2026&stage=nomination"
    assert flash(response) == ["The nominees are published."]
    assert PrizeCycle.objects.get(pk=cycle.pk).nominees_published_at == AFTER_NOMINATION


def test_publishing_too_early_is_refused_with_the_reason(clerk, cycle):
    project(cycle, state="nominee")
    response = clerk.post(f"{OVERVIEW}publish/", {"cycle": "2026", "stage": "nomination"})
    assert flash(response) == ["The experts can still change their scores: publish once the phase is over."]
    assert PrizeCycle.objects.get(pk=cycle.pk).nominees_published_at is None


def test_publish_answers_only_posts(clerk, cycle):
    assert clerk.get(f"{OVERVIEW}publish/?cycle=2026&stage=nomination").status_code == 405


def test_overview_of_an_unknown_stage_is_missing(clerk, cycle):
    assert clerk.get(f"{OVERVIEW}?stage=ceremony").status_code == 404


# Scores, conflicts and assignments


def test_scores_are_read_only_and_show_whether_they_count(clerk, cycle):
    amina = expert(cycle, "C3")
    library = project(cycle)
    kept = score(library, amina)
    review.declare_conflict(library, amina, "I work there.")
    response = clerk.get("/en/admin/prizes/score/")
    changelist = response.context["cl"]
    assert [changelist.model_admin.counted(row) for row in changelist.result_list] == [False]
    assert clerk.post(f"/en/admin/prizes/score/{kept.pk}/change/", {"comment": "x"}).status_code == 403


def test_score_csv_export_of_the_filtered_list(clerk, cycle):
    amina = expert(cycle, "C3", "C7.4", email="amina.expert@example.org")
    library = project(cycle, title="=cmd()")
    score(library, amina, comment="Good.")
    score(project(cycle, code="C7.4"), amina)
    rows = csv_rows(clerk.get("/en/admin/prizes/score/export/csv/?category=C3"))
    assert [
        (
            r["category"],
            r["reference"],
            r["title"],
            r["expert_email"],
            r["partnerships"],
            r["weighted"],
            r["counted"],
        )
        for r in rows
    ] == [("C3", library.reference, "'=cmd()", "amina.expert@example.org", "4", "7.429", "yes")]


def test_score_xlsx_export_action(clerk, cycle):
    amina = expert(cycle, "C3")
    chosen = score(project(cycle), amina)
    response = clerk.post(
        "/en/admin/prizes/score/", {"action": "export_xlsx", "_selected_action": [chosen.pk]}
    )
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.values)
    assert values[0][:6] == ("cycle", "stage", "category", "reference", "title", "expert_email")
    assert (values[1][0], values[1][1], values[1][12]) == (2026, "nomination", 4)


def test_ranking_csv_of_a_stage(clerk, cycle):
    amina = expert(cycle, "C3")
    library = project(cycle)
    score(library, amina)
    project(cycle)
    rows = csv_rows(clerk.get("/en/admin/prizes/score/overview/ranking.csv?cycle=2026&stage=nomination"))
    assert [
        (r["category"], r["rank"], r["reference"], r["mean"], r["scores"], r["missing"]) for r in rows
    ] == [
        ("C3", "1", library.reference, "7.429", "1", ""),
        ("C3", "2", rows[1]["reference"], "", "0", amina.full_name),
    ]


def test_assignment_form_offers_every_active_account_with_a_verified_address(clerk, cycle):
    reviewer = expert(cycle, email="b.reviewer@example.org")
    signed_up = UserFactory(email="a.signed-up@example.org")
    UserFactory(email="c.gone@example.org", is_active=False)
    EmailAddress.objects.filter(user=UserFactory(email="d.unconfirmed@example.org")).update(verified=False)
    field = clerk.get("/en/admin/prizes/expertassignment/add/").context["adminform"].form.fields["expert"]
    officer = signed_up._meta.model.objects.get(is_superuser=True)
    assert list(field.queryset) == [signed_up, reviewer, officer]


def test_the_secretariat_assigning_someone_who_signed_up_gives_them_the_reviewer_role(client, cycle):
    client.force_login(SecretariatFactory())
    someone = UserFactory(email="new.expert@example.org")
    response = client.post(
        "/ar/admin/prizes/expertassignment/add/",
        {"cycle": cycle.pk, "category": prize_category("C3").pk, "expert": someone.pk},
    )
    assert response.status_code == 302
    assert list(someone.groups.values_list("name", flat=True)) == ["reviewer"]
    assert list(review.assignments_of(someone).values_list("category__action_line__code", flat=True)) == [
        "C3"
    ]
    role_entry = AuditEntry.objects.get(content_type__model="user", object_id=str(someone.pk))
    assert role_entry.changes == {"roles": ["", "reviewer"]}


def test_an_assigned_expert_is_told_by_mail_in_their_language_with_the_link_to_their_projects(client, cycle):
    client.force_login(SecretariatFactory())
    someone = UserFactory(email="arabic.expert@example.org", preferred_language="ar")
    client.post(
        "/en/admin/prizes/expertassignment/add/",
        {"cycle": cycle.pk, "category": prize_category("C3").pk, "expert": someone.pk},
    )
    mail = OutboundMail.objects.get(to=[someone.email])
    assert (mail.language, mail.subject) == (
        "ar",
        f"جوائز القمة العالمية لمجتمع المعلومات {cycle.edition.year}: أنت عضو في فريق الخبراء",
    )
    assert "/ar/prizes/review/" in mail.body


def test_assigning_an_expert_twice_gives_the_role_once(clerk, cycle):
    someone = UserFactory()
    by = UserFactory(is_superuser=True)
    assert (review.admit_to_expert_group(someone, by), review.admit_to_expert_group(someone, by)) == (
        True,
        False,
    )
    assert AuditEntry.objects.filter(content_type__model="user", object_id=str(someone.pk)).count() == 1


def test_assigning_an_expert_is_audited(clerk, cycle):
    reviewer = expert(cycle)
    response = clerk.post(
        "/en/admin/prizes/expertassignment/add/",
        {"cycle": cycle.pk, "category": prize_category("C3").pk, "expert": reviewer.pk},
    )
    assert response.status_code == 302
    assignment = reviewer.prize_assignments.get()
    assert assignment.category.code == "C3"
    assert AuditEntry.objects.filter(
        content_type__model="expertassignment", object_id=str(assignment.pk)
    ).exists()


def test_conflicts_are_listed_read_only(clerk, cycle):
    amina = expert(cycle, "C3")
    review.declare_conflict(project(cycle, title="Mobile libraries"), amina, "I work there.")
    response = clerk.get("/en/admin/prizes/conflictofinterest/")
    assert [c.reason for c in response.context["cl"].result_list] == ["I work there."]
    assert clerk.get("/en/admin/prizes/conflictofinterest/add/").status_code == 403
