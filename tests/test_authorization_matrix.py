"""Authorization and privacy (issue 9): every named URL of the portal (pages, API, allauth, admin) is
requested as each role, and each answer is the one ``tests/authorization/expectations.py`` declares; POSTs
that change something are refused to the wrong roles and leave the database as it was; nothing
unpublished leaks through search, counts, exports, the API, iCal or the prize pages."""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from prizes import review
from prizes.models import VOTING_PHASE, Score, Submission, Vote
from tests.authorization.expectations import ADMIN, PORTAL, ROLES, SIGNED_IN, expected
from tests.authorization.urls import all_kwargs, named_patterns
from tests.authorization.world import NOW
from tests.factories import PhaseFactory
from wsis_portal.editions.models import Process

pytestmark = pytest.mark.django_db
SECRET = "Matrix secret"


def outcome(response):
    """The answer as the expectations name it."""
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith(reverse("account_login")):
            return "sign-in"
        if location.startswith(reverse("admin:login")):
            return "admin-sign-in"
        return "302"
    return str(response.status_code)


def test_every_url_has_its_line_in_the_matrix(world):
    kwargs = all_kwargs(world)
    missing = []
    for name in sorted(set(named_patterns())):
        for variant in kwargs[name]:
            try:
                expected(name, variant)
            except KeyError:
                missing.append(name)
    assert missing == []
    requested = {name for name in kwargs} | {
        f"{name}[{variant}]" for name in kwargs for variant in kwargs[name]
    }
    assert sorted(key for key in [*PORTAL, *ADMIN] if key not in requested) == []


def test_a_url_without_its_line_fails_the_matrix(world):
    with pytest.raises(KeyError):
        expected("stocktaking:a_page_added_later", "")
    with pytest.raises(KeyError):
        expected("admin:prizes_submission_a_view_added_later", "")


def test_every_admin_page_is_requested_on_a_real_row(world):
    rowless = [name for name, variants in all_kwargs(world).items() if None in variants.values()]
    assert rowless == []


def test_each_role_gets_what_the_matrix_says_for_every_url(world, clients):
    mismatches = []
    requests = 0
    for name, variants in sorted(all_kwargs(world).items()):
        for variant, kwargs in variants.items():
            url = reverse(name, kwargs=kwargs)
            wanted = expected(name, variant)
            for role in ROLES:
                got = outcome(clients[role].get(url))
                requests += 1
                if got != wanted[role]:
                    mismatches.append(f"{name}[{variant}] as {role}: {got}, expected {wanted[role]} ({url})")
    assert not mismatches, "\n".join(mismatches)
    assert requests > 2500


# POSTs that change something, as the roles that may not


def fingerprint():
    """Every row of what participants and the secretariat change, to compare before and after."""
    labels = (
        "stocktaking.Entry",
        "consultations.Contribution",
        "consultations.WorkshopRequest",
        "consultations.FacilitatorNomination",
        "prizes.Submission",
        "prizes.Score",
        "prizes.ConflictOfInterest",
        "prizes.Vote",
        "prizes.PrizeCycle",
        "forum_events.Invitation",
        "forum_events.SlotRequest",
        "stakeholders.User",
        "stakeholders.FocalPoint",
        "lifecycle.AuditEntry",
        "reminders.ReminderOptOut",
        "consultations.Consultation",
        "letters.LetterBatch",
    )
    return {label: list(apps.get_model(label).objects.order_by("pk").values()) for label in labels}


def _posts(world):
    """(URL name, URL arguments, data, the roles allowed to change it): each is POSTed as every other
    role."""
    o = world.objects
    slot = o["slot_request"].pk
    owner = {"focal_point"}
    edit = {"title": "Taken over", "short_description": "Taken over", "text": "Taken over", "submit": "1"}
    posts = [
        ("stocktaking:edit", {"pk": o["entry_draft"].pk}, edit, owner),
        ("stocktaking:submit", {"pk": o["entry_draft"].pk}, {}, owner),
        ("prizes:edit", {"pk": o["prize_draft"].pk}, edit, owner),
        ("prizes:submit", {"pk": o["prize_draft"].pk}, {}, owner),
        ("prizes:publish_to_stocktaking", {"pk": o["prize_submitted"].pk}, {"is_global": "on"}, owner),
        (
            "prizes:review_project",
            {"pk": o["prize_submitted"].pk},
            dict.fromkeys(_criteria(), "10"),
            {"expert"},
        ),
        ("prizes:review_conflict", {"pk": o["prize_submitted"].pk}, {"reason": "Hidden"}, {"expert"}),
        ("forum_events:protocol_office", {}, {"action": "withdraw", "request": slot}, {"protocol_office"}),
        (
            "forum_events:protocol_office",
            {},
            {"action": "decline"},
            {"protocol_office", "other_protocol_office"},
        ),
        # Member State Y's own link, naming X's request.
        (
            "forum_events:invitation",
            {"token": world.tokens["other_invitation"]},
            {"action": "withdraw", "request": slot},
            set(),
        ),
        ("stakeholders:profile", {}, {"full_name": "Anonymous"}, set(SIGNED_IN)),
        ("stakeholders:organisations", {}, {"organisation": o["organisation_a"].pk}, set(SIGNED_IN)),
        ("stocktaking:new", {}, {"title": "New"}, set(SIGNED_IN)),
        ("admin:stocktaking_entry_review", {"pk": o["entry_submitted"].pk}, {"action": "approve"}, set()),
        ("admin:stocktaking_entry_change", {"object_id": o["entry_draft"].pk}, {"title": "Taken"}, set()),
        ("admin:prizes_score_publish", {}, {"stage": "nominee"}, set()),
        ("admin:reminders_reminderrule_send_due", {}, {}, set()),
        ("admin:forum_events_invitation_invite", {}, {"member_state": 1}, set()),
        (
            "admin:letters_letterbatch_retry",
            {"pk": o["letter_batch"].pk, "copy_pk": o["personal_letter"].pk},
            {},
            set(),
        ),
        ("admin:auth_user_password_change", {"id": o["other_clerk"].pk}, {"password1": "x"}, set()),
    ]
    for kind, item in (
        ("contribution", "contribution"),
        ("workshop", "workshop"),
        ("nomination", "nomination"),
    ):
        posts.append((f"consultations:{kind}_edit", {"pk": o[item].pk}, edit, owner))
        posts.append((f"consultations:{kind}_submit", {"pk": o[item].pk}, {}, owner))
        posts.append((f"consultations:{kind}_new", {}, edit, set(SIGNED_IN)))
    # Creating and voting are for any signed-in account; the anonymous visitor is sent to sign in.
    vote = {"submission": o["prize_nominee"].pk}
    posts += [
        ("prizes:new", {}, edit, set(SIGNED_IN)),
        ("prizes:nominate", {}, edit, set(SIGNED_IN)),
        ("prizes:vote_category", {"code": "C4"}, vote, set(SIGNED_IN)),
    ]
    # A forged link answers for nobody.
    for name, answer in (
        ("prizes:confirm", {"answer": "confirm"}),
        ("consultations:consent", {"answer": "agree"}),
        ("reminders:opt_out", {}),
        ("forum_events:invitation", {"action": "withdraw", "request": slot}),
    ):
        posts.append((name, {"token": "forged-link"}, answer, set()))
    return posts


def _criteria():
    from prizes.models import Criterion

    return [criterion.value for criterion in Criterion]


REFUSED = {"403", "404", "sign-in", "admin-sign-in"}


def test_wrong_roles_are_refused_every_change_and_the_database_is_unchanged(world, clients):
    before = fingerprint()
    refusals = []
    for name, kwargs, data, allowed in _posts(world):
        url = reverse(name, kwargs=kwargs)
        # The secretariat is staff: the admin's own permissions are the GET matrix's business.
        roles = [
            role
            for role in ROLES
            if role not in allowed and not (name.startswith("admin:") and role == "secretariat")
        ]
        for role in roles:
            got = outcome(clients[role].post(url, data))
            if got not in REFUSED:
                refusals.append(f"POST {name} as {role}: {got}")
    assert not refusals, "\n".join(refusals)
    after = fingerprint()
    assert [label for label in before if before[label] != after[label]] == []


# Nothing unpublished leaks


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_unpublished_entries_never_appear_in_search_counts_statistics_exports_or_api(world, clients):
    client = clients["stakeholder"]
    for query in ("", "?q=Matrix", "?action_line=C3"):
        response = client.get(f"/en/stocktaking/{query}")
        assert response.status_code == 200
        assert response.context["count"] == 1
        content = response.content.decode()
        assert SECRET not in content
        assert "Matrix public entry" in content
        counts = [
            option.count for facet in response.context["facets"] for option in facet.options + facet.more
        ]
        assert counts and max(counts) == 1

    statistics = client.get("/en/stocktaking/statistics/")
    assert statistics.context["count"] == 1
    assert SECRET not in statistics.content.decode()

    rows = list(
        csv.DictReader(io.StringIO(body(client.get("/en/stocktaking/export.csv")).decode("utf-8-sig")))
    )
    assert [row["title"] for row in rows] == ["Matrix public entry"]
    exported = json.loads(body(client.get("/en/stocktaking/export.json")))
    assert SECRET not in json.dumps(exported)

    listing = client.get("/api/v1/stocktaking/entries/?q=Matrix").json()
    assert (listing["count"], [entry["title"] for entry in listing["results"]]) == (
        1,
        ["Matrix public entry"],
    )
    for entry in ("entry_draft", "entry_submitted", "entry_rejected", "entry_revision"):
        pk = world[entry].pk
        assert client.get(f"/api/v1/stocktaking/entries/{pk}/").status_code == 404
        assert client.get(f"/en/stocktaking/entries/{pk}/").status_code == 404


def test_another_organisation_never_reads_a_s_work_in_its_lists(world, clients):
    for role in ("other_focal_point", "stakeholder", "expert", "other_protocol_office"):
        for url in ("/en/me/", "/en/stocktaking/mine/", "/en/prizes/mine/"):
            content = clients[role].get(url).content.decode()
            assert SECRET not in content, (role, url)
            assert "Matrix Secret Nominee" not in content, (role, url)
    own = clients["focal_point"].get("/en/stocktaking/mine/").content.decode()
    assert "Matrix secret draft" in own


def test_drafts_never_reach_the_agenda_or_its_calendars(world, clients):
    for url in (
        "/en/forum/",
        "/en/forum/calendar.ics",
        f"/en/forum/sessions/{world['session'].pk}/calendar.ics",
    ):
        content = clients["anonymous"].get(url).content.decode()
        assert "Matrix secret workshop" not in content
    assert "BEGIN:VEVENT" in clients["anonymous"].get("/en/forum/calendar.ics").content.decode()


def test_nominees_stay_unknown_until_they_are_published(world, clients):
    client = clients["stakeholder"]
    for url in ("/en/prizes/vote/", "/en/prizes/vote/C4/", "/en/prizes/2026/results/"):
        response = client.get(url)
        assert response.status_code == 200
        assert "Matrix unpublished nominee" not in response.content.decode(), url
    entry_page = client.get(f"/en/stocktaking/entries/{world['entry_published'].pk}/").content.decode()
    assert 'data-stage="submitted"' in entry_page
    assert 'data-stage="nominee"' not in entry_page


# Acting for another organisation, and the unverified account


def test_another_focal_point_cannot_fill_a_prize_draft_from_a_s_entry(world, clients):
    url = f"/en/prizes/mine/new/?entry={world['entry_published'].pk}"
    assert clients["other_focal_point"].get(url).status_code == 404
    # No organisation to submit for: told how to become a focal point, before any entry is looked at.
    assert clients["stakeholder"].get(url).status_code == 403
    assert clients["focal_point"].get(url).status_code == 200


def test_another_focal_point_cannot_submit_a_prize_project_for_organisation_a(world, clients):
    a = world["organisation_a"]
    response = clients["other_focal_point"].post(
        "/en/prizes/mine/new/", {"organisation": a.pk, "title": "In A's name", "submit": "1"}
    )
    assert response.status_code == 400
    assert "organisation" in response.context["form"].errors
    assert not Submission.objects.filter(owner=world.users["other_focal_point"]).exists()


def test_an_unverified_account_does_not_vote_and_a_verified_one_does(world, clients):
    cycle = world["cycle"]
    PhaseFactory(
        edition=cycle.edition,
        process=Process.PRIZES,
        key=VOTING_PHASE,
        name_en="Public voting",
        name_ar="التصويت العام",
        opens_at=NOW - timedelta(days=1),
        closes_at=NOW + timedelta(days=10),
    )
    cycle.nominees_published_at = NOW - timedelta(hours=1)
    cycle.save()
    cache.clear()
    nominee = world["prize_nominee"]
    before = Vote.objects.count()

    refused = clients["unverified"].post("/en/prizes/vote/C4/", {"submission": nominee.pk})
    assert refused.status_code == 400
    assert Vote.objects.count() == before

    cast = clients["expert"].post("/en/prizes/vote/C4/", {"submission": nominee.pk})
    assert (cast.status_code, cast["Location"]) == (302, "/en/prizes/vote/C4/")
    assert Vote.objects.filter(voter=world.users["expert"], submission=nominee).count() == 1


def test_no_public_page_shows_an_account_s_address_or_anything_unpublished(world, clients):
    """Every URL an anonymous visitor may read (the secret links aside: their holder is the addressee)."""
    secrets = [SECRET, "Matrix Secret Nominee", "Matrix unpublished nominee", "contact@elsewhere.example.org"]
    secrets += [user.email for user in world.users.values()]
    secrets += ["protocol@mcit.gov.eg", "protocole@example.sn", world["nomination"].nominee_email]
    leaks, checked = [], 0
    for name, variants in sorted(all_kwargs(world).items()):
        for variant, kwargs in variants.items():
            if (
                "token" in kwargs
                or name.startswith("admin:")
                or expected(name, variant)["anonymous"] != "200"
            ):
                continue
            response = clients["anonymous"].get(reverse(name, kwargs=kwargs))
            text = body(response).decode("utf-8", "replace")
            checked += 1
            leaks += [f"{name}[{variant}]: {secret}" for secret in secrets if secret in text]
    assert not leaks, "\n".join(leaks)
    assert checked > 40


def test_an_expert_who_lost_the_reviewer_role_no_longer_reads_or_scores_projects(world, clients):
    expert = world.users["expert"]
    expert.groups.clear()
    submission = world["prize_submitted"]
    client = clients["expert"]
    for url in (
        "/en/prizes/review/",
        f"/en/prizes/review/{submission.pk}/",
        f"/en/prizes/review/{submission.pk}/conflict/",
    ):
        assert client.get(url).status_code == 403, url
    scores = list(Score.objects.values())
    response = client.post(f"/en/prizes/review/{submission.pk}/", dict.fromkeys(_criteria(), "10"))
    assert response.status_code == 403
    assert list(Score.objects.values()) == scores
    with pytest.raises(PermissionDenied):
        review.declare_conflict(submission, expert, "A board member.")
