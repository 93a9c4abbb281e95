""" "My participation": the signed-in user's own view."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from forum_events import high_level
from forum_events.models import ProtocolRank
from prizes import voting
from prizes.models import ConflictOfInterest, ExpertAssignment, Submission
from tests.factories import (
    EditionFactory,
    FocalPointFactory,
    PhaseFactory,
    PrizeSubmissionFactory,
    UserFactory,
    prize_category,
)
from tests.forum_events.test_invitation import invite, policy_session, speaker
from tests.prizes.test_review_fixtures import IN_NOMINATION, expert, project, review_cycle, score
from tests.prizes.test_voting import open_voting
from wsis_portal.editions.models import Process
from wsis_portal.editions.schedule import geneva_time
from wsis_portal.stakeholders.models import MemberState


def test_dashboard_requires_sign_in(client, db):
    assert client.get("/ar/me/")["Location"] == "/ar/accounts/login/?next=/ar/me/"


def test_dashboard_lists_the_users_focal_point_requests(client, db):
    focal_point = FocalPointFactory(organisation__name="Pacific Open Data Lab")
    FocalPointFactory(organisation__name="Someone else's organisation")
    client.force_login(focal_point.user)
    html = client.get("/en/me/").content.decode()
    assert "Pacific Open Data Lab</span> — Awaiting confirmation" in html
    assert "Someone else" not in html


def test_incomplete_profile_is_pointed_out(client, db):
    client.force_login(UserFactory(full_name="", stakeholder_type="", country=""))
    assert "Your profile is not complete" in client.get("/en/me/").content.decode()


def test_complete_profile_is_not_nagged(client, user):
    client.force_login(user)
    assert "Your profile is not complete" not in client.get("/en/me/").content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_dashboard_query_count_does_not_grow_with_requests(client, db, django_assert_num_queries, count):
    EditionFactory()
    user = UserFactory()
    FocalPointFactory.create_batch(count, user=user)
    client.force_login(user)
    # session, user, edition, phases, focal points, the user's organisation, stocktaking entries, prize
    # submissions, prize votes, expert assignments
    with django_assert_num_queries(13):
        client.get("/en/me/")


# Every process a person takes part in: prize votes, expert review tasks, the high-level track


def section(html, heading_id):
    """The part of the page from the heading ``heading_id`` to the end of its section."""
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


def prize_voter(cycle, *codes):
    """A verified voter who voted for one nominee in each of the categories ``codes`` of ``cycle``."""
    voter = UserFactory(full_name="Amina Diallo")
    for code in codes:
        project = PrizeSubmissionFactory(
            cycle=cycle, category=prize_category(code), state="nominee", title=f"Nominee in {code}"
        )
        voting.cast_vote(voter, Submission.objects.select_related("cycle").get(pk=project.pk))
    return voter


def expert_with_tasks(cycle, codes, scored=1):
    """An expert of ``codes`` with two projects in each category, ``scored`` of them scored, and one more
    project in the first category that they declared a conflict with."""
    reviewer = expert(cycle, *codes, full_name="Bilal Expert")
    for code in codes:
        projects = [project(cycle, code) for _ in range(2)]
        for submission in projects[:scored]:
            score(submission, reviewer)
    hidden = project(cycle, codes[0])
    ConflictOfInterest.objects.create(expert=reviewer, submission=hidden, reason="I advise this project.")
    return reviewer


def high_level_edition(year, opens, closes):
    edition = EditionFactory(year=year)
    PhaseFactory(
        edition=edition,
        process=Process.FORUM,
        key=high_level.CONFIRMATIONS_PHASE,
        name_en="Confirmations of the high-level track",
        name_ar="تأكيدات المسار الرفيع المستوى",
        opens_at=opens,
        closes_at=closes,
    )
    return edition


def requested(invitation, *sessions):
    """The invitation's requests for ``sessions``, first choice first."""
    return [
        high_level.request_slot(invitation, session, speaker(), preference=number)
        for number, session in enumerate(sessions, start=1)
    ]


@pytest.fixture
def in_the_nomination_phase(db, time_machine):
    time_machine.move_to(IN_NOMINATION, tick=False)


@pytest.fixture
def voting_cycle(in_the_nomination_phase):
    """The 2026 cycle in its expert review (nomination until 30 April 2026, 23:59 Geneva time) and its
    public vote (1 to 30 April 2026), nominees published."""
    cycle = review_cycle()
    return open_voting(cycle)


def test_a_voter_sees_each_vote_with_its_nominee_and_the_deadline_to_change_it(client, voting_cycle):
    voter = prize_voter(voting_cycle, "C3")
    client.force_login(voter)
    html = client.get("/en/me/").content.decode()
    votes = section(html, "prize-votes-title")
    assert "<bdi>C3</bdi> Access to information and knowledge" in votes
    assert '<span lang="en" dir="auto">Nominee in C3</span>' in votes
    assert '<time datetime="2026-04-10T10:00:00+00:00">10 April 2026, 12:00</time>' in votes
    assert "Yes, until the voting deadline:" in votes
    assert "30 April 2026, 23:59 <bdi>CEST</bdi> (Geneva time)" in votes


def test_a_vote_is_final_once_voting_has_closed(client, voting_cycle, time_machine):
    voter = prize_voter(voting_cycle, "C3")
    time_machine.move_to(geneva_time(2026, 5, 2, 9, 0), tick=False)
    client.force_login(voter)
    html = client.get("/en/me/").content.decode()
    assert "No: votes are final" in html
    assert "Yes, until the voting deadline:" not in html


def test_an_expert_sees_each_category_with_the_projects_left_to_score_and_the_deadline(client, voting_cycle):
    client.force_login(expert_with_tasks(voting_cycle, ["C3", "C7.4"]))
    html = client.get("/en/me/").content.decode()
    tasks = section(html, "prize-review-title")
    assert "WSIS Prizes 2026, stage: Choice of the nominees" in tasks
    assert "Scores can be given until:" in tasks
    assert "30 April 2026, 23:59 <bdi>CEST</bdi> (Geneva time)" in tasks
    # Two projects in each category, one of them scored; the project with a conflict is not counted.
    assert re.findall(r"<li><bdi>([^<]+)</bdi>[^—]+— (.+?)</li>", tasks) == [
        ("C3", "<bdi>1</bdi> project left to score"),
        ("C7.4", "<bdi>1</bdi> project left to score"),
    ]
    assert '<a href="/en/prizes/review/">Score the projects</a>' in tasks


def test_an_expert_without_scores_has_every_project_left(client, voting_cycle):
    client.force_login(expert_with_tasks(voting_cycle, ["C3"], scored=0))
    html = client.get("/en/me/").content.decode()
    assert "<bdi>C3</bdi> Access to information and knowledge — <bdi>2</bdi> projects left to score" in html


def test_an_expert_is_told_when_scoring_opens_before_the_stage(client, db, time_machine):
    time_machine.move_to(geneva_time(2026, 3, 20, 12, 0), tick=False)
    client.force_login(expert_with_tasks(review_cycle(), ["C3"]))
    html = client.get("/en/me/").content.decode()
    assert "Scoring opens:" in html
    assert "1 April 2026, 09:00 <bdi>CEST</bdi> (Geneva time)" in html


def test_a_protocol_office_sees_its_invitation_and_slot_requests_with_the_deadline(client, db):
    now = timezone.now()
    edition = high_level_edition(2027, now - timedelta(days=30), geneva_time(2027, 4, 14, 23, 59))
    first = policy_session(edition, "Policy session 1: Bridging the digital divide", 6, 1)
    second = policy_session(edition, "Policy session 2: Cybersecurity", 7, 5)
    egypt, _token = invite(edition, "EG")
    requested(egypt, first, second)
    kenya, _token = invite(edition, "KE")
    high_level.request_slot(kenya, first, speaker(rank=ProtocolRank.HEAD_OF_STATE))
    officer = UserFactory(member_state=egypt.member_state, time_zone="Africa/Cairo")
    client.force_login(officer)
    html = client.get("/en/me/").content.decode()
    track = section(html, "high-level-title")
    assert '<a href="/en/forum/high-level/">High-level track invitation of Egypt</a>' in track
    assert f'<h3 id="invitation-{egypt.pk}">WSIS Forum 2027</h3>' in track
    assert "<dt>Your answer</dt><dd>Accepted</dd>" in track
    assert "14 April 2027, 23:59 <bdi>CEST</bdi> (Geneva time)" in track
    assert "<bdi>Cairo</bdi> time: 14 April 2027, 23:59 <bdi>EET</bdi>" in track
    rows = [
        (row.split('dir="auto">')[1].split("<")[0], row.split('class="badge ')[1].split(">")[1].split("<")[0])
        for row in track.split("<tr>")[2:]
    ]
    assert rows == [
        ("Policy session 1: Bridging the digital divide", "On the waiting list"),
        ("Policy session 2: Cybersecurity", "Slot confirmed"),
    ]
    assert "Kenya" not in track


def test_a_protocol_office_not_invited_yet_is_told_so(client, db):
    client.force_login(UserFactory(member_state=MemberState.objects.get(country="SN")))
    html = client.get("/en/me/").content.decode()
    assert "Your Member State has not been invited to the high-level track yet." in html


def test_a_plain_stakeholder_sees_no_votes_review_or_high_level_track(client, voting_cycle):
    client.force_login(UserFactory())
    html = client.get("/en/me/").content.decode()
    for heading in ("prize-votes-title", "prize-review-title", "high-level-title"):
        assert heading not in html
    assert 'id="prizes-title"' in html


def test_the_sections_speak_arabic(client, voting_cycle):
    voter = prize_voter(voting_cycle, "C3")
    ExpertAssignment.objects.create(cycle=voting_cycle, category=prize_category("C3"), expert=voter)
    voter.groups.add(Group.objects.get(name="reviewer"))
    client.force_login(voter)
    html = client.get("/ar/me/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    for arabic in (
        "تصويتي لجوائز القمة العالمية لمجتمع المعلومات",
        "تقييمي بصفتي خبيراً لجوائز القمة العالمية لمجتمع المعلومات",
        "نعم، حتى الموعد النهائي للتصويت:",
        "يمكن إعطاء الدرجات حتى:",
    ):
        assert arabic in html, arabic


@pytest.mark.parametrize("count", [1, 3])
def test_votes_tasks_and_requests_take_the_same_queries_whatever_their_number(
    client, voting_cycle, django_assert_num_queries, count
):
    codes = ["C3", "C7.4", "C1"][:count]
    person = prize_voter(voting_cycle, *codes)
    person.groups.add(Group.objects.get(name="reviewer"))
    for code in codes:
        ExpertAssignment.objects.create(cycle=voting_cycle, category=prize_category(code), expert=person)
        project(voting_cycle, code)
    edition = high_level_edition(2026, geneva_time(2026, 3, 1, 9, 0), geneva_time(2026, 4, 15, 23, 59))
    sessions = [policy_session(edition, f"Policy session {n}", 6 + n, 5) for n in range(count)]
    invitation, _token = invite(edition, "EG")
    requested(invitation, *sessions[:2])
    person.member_state = invitation.member_state
    person.save(update_fields=["member_state"])
    client.force_login(person)
    # As for anyone without an organisation (12), plus: the votes' phases; the current cycle, its phases,
    # the projects left; the invitations, their phases, their requests, the Member State
    with django_assert_num_queries(20):
        response = client.get("/en/me/")
    assert response.content.decode().count("<bdi>2</bdi> projects left to score") == count
