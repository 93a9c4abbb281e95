"""The public vote's services: one vote per voter and category (changeable until the deadline, Geneva time,
then final), only verified addresses and only nominees, one mailbox one vote whatever the account; the
published validity policy applied in SQL; the secretariat's exclusions; the tally; the champions and their
publication. The fixtures here serve the other ``test_voting_*`` modules too."""

import sys
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory

from prizes import voting
from prizes.models import PrizeCycle, Submission, Vote
from prizes.models.voting import DisposableEmailDomain
from tests.factories import (
    PhaseFactory,
    PrizeCycleFactory,
    PrizeSubmissionFactory,
    UserFactory,
    prize_category,
)
from wsis_portal.editions.models import Process
from wsis_portal.editions.schedule import geneva_time
from wsis_portal.lifecycle.models import AuditEntry
from wsis_portal.stakeholders.models import User

pytestmark = pytest.mark.django_db

VOTING_OPENS = geneva_time(2026, 4, 1, 9, 0)
VOTING_CLOSES = geneva_time(2026, 4, 30, 23, 59)
APRIL = datetime(2026, 4, 25, 12, 0, tzinfo=UTC)
NETWORK = "192.0.2.0/24"


@pytest.fixture
def in_april(time_machine):
    time_machine.move_to(APRIL, tick=False)


def open_voting(cycle, opens=VOTING_OPENS, closes=VOTING_CLOSES):
    PhaseFactory(
        edition=cycle.edition,
        process=Process.PRIZES,
        key="voting",
        name_en="Public online voting",
        name_ar="التصويت العلني على الإنترنت",
        opens_at=opens,
        closes_at=closes,
    )
    PrizeCycle.objects.filter(pk=cycle.pk).update(nominees_published_at=opens)
    return PrizeCycle.objects.select_related("edition").prefetch_related("edition__phases").get(pk=cycle.pk)


@pytest.fixture
def voting_cycle(db, in_april):
    """The 2026 cycle: nominees published, voting open from 1 to 30 April 2026 (23:59 Geneva time); the
    clock stops on 25 April, so that sessions opened then are still valid after the deadline."""
    return open_voting(PrizeCycleFactory())


def nominee(cycle, title, code="C3", **fields):
    submission = PrizeSubmissionFactory(
        cycle=cycle, category=prize_category(code), state="nominee", title=title, **fields
    )
    return (
        Submission.objects.select_related("cycle__edition")
        .prefetch_related("cycle__edition__phases")
        .get(pk=submission.pk)
    )


@pytest.fixture
def nominees(voting_cycle):
    return {
        "library": nominee(voting_cycle, "Mobile digital libraries", short_description="Buses bring books."),
        "networks": nominee(voting_cycle, "Community networks", short_description="Villages run networks."),
        "health": nominee(voting_cycle, "Telemedicine for islands", code="C7.4"),
    }


@pytest.fixture
def voter(db):
    return UserFactory(email="Amina.Diallo+prizes@Example.org", full_name="Amina Diallo")


def refusal(call, *args):
    with pytest.raises(ValidationError) as refused:
        call(*args)
    return refused.value.code, refused.value.messages


def stored():
    return list(
        Vote.objects.order_by("pk").values_list(
            "voter__email", "category__action_line__code", "submission__title"
        )
    )


# Who is one voter


@pytest.mark.parametrize(
    ("address", "mailbox"),
    [
        ("Amina.Diallo@Example.org", "amina.diallo@example.org"),
        ("amina.diallo+prizes@example.org", "amina.diallo@example.org"),
        ("Amina.Diallo+a+b@example.org", "amina.diallo@example.org"),
        ("a.m.i.n.a+x@googlemail.com", "amina@gmail.com"),
        ("AMINA@GMAIL.COM", "amina@gmail.com"),
    ],
)
def test_an_address_is_normalised_to_its_mailbox(address, mailbox):
    assert voting.normalise_address(address) == mailbox


def test_the_voter_key_is_a_keyed_hash_of_the_mailbox():
    key = voting.voter_key("amina.diallo@example.org")
    assert len(key) == 64
    assert key == voting.voter_key("Amina.Diallo+vote@EXAMPLE.org")
    assert key != voting.voter_key("amina.diallo@example.net")
    assert "amina" not in key


@pytest.mark.parametrize(
    ("address", "network"),
    [
        ("192.0.2.77", "192.0.2.0/24"),
        ("2001:db8:1234:5678::1", "2001:db8:1234::/48"),
        ("::ffff:192.0.2.9", "192.0.2.0/24"),
        ("", ""),
        ("not an address", ""),
    ],
)
def test_a_client_address_is_grouped_by_its_network(address, network):
    assert voting.network_of(address) == network


def test_the_client_network_trusts_only_the_configured_proxies(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.9"
    )
    assert voting.client_network(request) == "10.0.0.0/24"
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    assert voting.client_network(request) == "203.0.113.0/24"


# Casting a vote


def test_a_verified_voter_casts_one_vote_stored_with_what_judges_it(nominees, voter):
    vote, what = voting.cast_vote(voter, nominees["library"], NETWORK)
    vote.refresh_from_db()
    assert what == voting.CAST
    assert (vote.voter, vote.voter_key, vote.email_domain, vote.ip_network) == (
        voter,
        voting.voter_key("amina.diallo@example.org"),
        "example.org",
        NETWORK,
    )
    assert (vote.cast_at, vote.account_created_at) == (APRIL, voter.date_joined)
    assert (vote.category.action_line.code, vote.policy_reason, vote.is_valid) == ("C3", "", True)


def test_a_voter_votes_once_in_each_category(nominees, voter):
    voting.cast_vote(voter, nominees["library"], NETWORK)
    voting.cast_vote(voter, nominees["health"], NETWORK)
    assert stored() == [
        (voter.email, "C3", "Mobile digital libraries"),
        (voter.email, "C7.4", "Telemedicine for islands"),
    ]


def test_another_nominee_of_the_category_takes_the_vote_until_the_deadline(nominees, voter, time_machine):
    voting.cast_vote(voter, nominees["library"], NETWORK)
    later = APRIL + timedelta(days=1)
    time_machine.move_to(later, tick=False)
    vote, what = voting.cast_vote(voter, nominees["networks"], "198.51.100.0/24")
    assert what == voting.CHANGED
    assert stored() == [(voter.email, "C3", "Community networks")]
    vote.refresh_from_db()
    assert (vote.cast_at, vote.ip_network) == (later, "198.51.100.0/24")


def test_voting_again_for_the_same_nominee_changes_nothing(nominees, voter):
    first, _what = voting.cast_vote(voter, nominees["library"], NETWORK)
    again, what = voting.cast_vote(voter, nominees["library"], "198.51.100.0/24")
    assert (what, again.pk, again.ip_network) == (voting.UNCHANGED, first.pk, NETWORK)
    assert Vote.objects.count() == 1


@pytest.mark.parametrize(
    ("at", "accepted"),
    [
        (geneva_time(2026, 4, 1, 8, 59), False),
        (geneva_time(2026, 4, 1, 9, 0), True),
        (geneva_time(2026, 4, 30, 23, 58) + timedelta(seconds=59, microseconds=999_999), True),
        (geneva_time(2026, 4, 30, 23, 59), False),
    ],
)
def test_votes_are_accepted_from_the_opening_until_the_deadline_in_geneva_time(
    nominees, voter, time_machine, at, accepted
):
    time_machine.move_to(at, tick=False)
    if accepted:
        assert voting.cast_vote(voter, nominees["library"], NETWORK)[1] == voting.CAST
    else:
        assert refusal(voting.cast_vote, voter, nominees["library"], NETWORK)[0] == "closed"
        assert Vote.objects.count() == 0


def test_votes_are_final_after_the_deadline(nominees, voter, time_machine):
    voting.cast_vote(voter, nominees["library"], NETWORK)
    time_machine.move_to(VOTING_CLOSES, tick=False)
    code, texts = refusal(voting.cast_vote, voter, nominees["networks"], NETWORK)
    assert (code, texts) == (
        "closed",
        ["Voting is not open: votes are accepted only between the opening of voting and its deadline."],
    )
    assert stored() == [(voter.email, "C3", "Mobile digital libraries")]


def test_no_vote_before_the_nominees_are_published(nominees, voter):
    PrizeCycle.objects.update(nominees_published_at=None)
    library = Submission.objects.select_related("cycle").get(pk=nominees["library"].pk)
    assert refusal(voting.cast_vote, voter, library, NETWORK)[0] == "closed"


def test_only_nominees_receive_votes(voting_cycle, voter):
    entered = PrizeSubmissionFactory(cycle=voting_cycle, state="submitted")
    assert refusal(voting.cast_vote, voter, entered, NETWORK) == (
        "not_nominee",
        ["Only the nominees of the cycle can receive votes."],
    )


def test_an_unverified_address_does_not_vote(nominees, voter):
    EmailAddress.objects.filter(user=voter).update(verified=False)
    assert refusal(voting.cast_vote, voter, nominees["library"], NETWORK) == (
        "unverified",
        ["Verify your e-mail address before you vote."],
    )


def test_an_account_whose_new_address_is_not_verified_yet_does_not_vote(nominees, voter):
    voter.email = "amina@new.example.org"
    voter.save()
    EmailAddress.objects.create(user=voter, email=voter.email, verified=False, primary=False)
    assert refusal(voting.cast_vote, voter, nominees["library"], NETWORK)[0] == "unverified"


def test_an_anonymous_visitor_does_not_vote(nominees):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        voting.cast_vote(AnonymousUser(), nominees["library"], NETWORK)


def test_an_account_deleted_and_created_again_never_votes_twice(nominees, voter):
    voting.cast_vote(voter, nominees["library"], NETWORK)
    voter.delete()
    again = UserFactory(email="amina.diallo@example.org")
    assert refusal(voting.cast_vote, again, nominees["networks"], NETWORK) == (
        "duplicate",
        ["A vote has already been cast in this category with your e-mail address."],
    )
    assert list(Vote.objects.values_list("voter", "submission__title")) == [
        (None, "Mobile digital libraries")
    ]
    assert [vote.submission.title for vote in voting.votes_of(again)] == ["Mobile digital libraries"]


def test_a_second_account_on_the_same_mailbox_does_not_vote_again(nominees):
    first = UserFactory(email="a.m.i.n.a@gmail.com")
    second = UserFactory(email="Amina+second@googlemail.com")
    voting.cast_vote(first, nominees["library"], NETWORK)
    assert refusal(voting.cast_vote, second, nominees["library"], NETWORK)[0] == "duplicate"
    assert Vote.objects.count() == 1


def test_a_reverified_account_keeps_its_one_vote(nominees, voter):
    voting.cast_vote(voter, nominees["library"], NETWORK)
    EmailAddress.objects.filter(user=voter).delete()
    voter.email = "amina@new.example.org"
    voter.save()
    EmailAddress.objects.create(user=voter, email=voter.email, verified=True, primary=True)
    assert voting.cast_vote(voter, nominees["networks"], NETWORK)[1] == voting.CHANGED
    assert list(Vote.objects.values_list("voter", "submission__title")) == [(voter.pk, "Community networks")]


# The secretariat's exclusions


@pytest.fixture
def clerk(db):
    return UserFactory(email="clerk@itu.example.org", is_staff=True)


def test_the_secretariat_excludes_a_vote_with_its_reason(nominees, voter, clerk):
    vote, _what = voting.cast_vote(voter, nominees["library"], NETWORK)
    assert voting.exclude_vote(vote, "  Bought   votes, see ticket 12 ", clerk) is True
    vote.refresh_from_db()
    assert (vote.excluded_reason, vote.excluded_by, vote.excluded_at, vote.is_valid) == (
        "Bought votes, see ticket 12",
        clerk,
        APRIL,
        False,
    )
    entry = AuditEntry.objects.get(object_id=str(vote.pk), content_type__model="vote")
    assert (entry.action, entry.actor, entry.changes) == (
        "changed",
        clerk,
        {"excluded_reason": ["", "Bought votes, see ticket 12"]},
    )
    assert voting.exclude_vote(vote, "Again", clerk) is False
    assert Vote.objects.get().excluded_reason == "Bought votes, see ticket 12"


def test_a_vote_is_not_excluded_without_a_reason(nominees, voter, clerk):
    vote, _what = voting.cast_vote(voter, nominees["library"], NETWORK)
    assert refusal(voting.exclude_vote, vote, "   ", clerk) == (
        "reason",
        ["Give the reason for excluding the vote."],
    )
    assert Vote.objects.get().excluded_at is None


def test_an_excluded_vote_is_counted_again_when_restored(nominees, voter, clerk):
    vote, _what = voting.cast_vote(voter, nominees["library"], NETWORK)
    voting.exclude_vote(vote, "Mistake", clerk)
    assert voting.restore_vote(vote, clerk) is True
    assert voting.restore_vote(vote, clerk) is False
    assert Vote.objects.values_list("excluded_reason", "excluded_by", "excluded_at").get() == ("", None, None)
    assert list(
        AuditEntry.objects.filter(content_type__model="vote").order_by("id").values_list("changes", flat=True)
    ) == [{"excluded_reason": ["", "Mistake"]}, {"excluded_reason": ["Mistake", ""]}]


# The published policy


def cast(cycle, submission, email, network, created, at):
    """A vote written directly, as ``cast_vote`` would store it at ``at``."""
    return Vote.objects.create(
        cycle=cycle,
        category=submission.category,
        submission=submission,
        voter=None,
        voter_key=voting.voter_key(email),
        cast_at=at,
        account_created_at=created,
        email_domain=voting.email_domain(email),
        ip_network=network,
    )


def verdicts():
    return dict(Vote.objects.values_list("voter_key", "policy_reason"))


def key(name):
    return voting.voter_key(f"{name}@example.org")


def test_votes_from_a_disposable_domain_are_not_counted(nominees, voting_cycle):
    old = datetime(2025, 1, 1, tzinfo=UTC)
    cast(voting_cycle, nominees["library"], "a@mailinator.com", NETWORK, old, APRIL)
    cast(voting_cycle, nominees["library"], "b@example.org", NETWORK, old, APRIL)
    DisposableEmailDomain.objects.create(domain=" Example.NET ")
    cast(voting_cycle, nominees["library"], "c@example.net", "", old, APRIL)
    assert voting.evaluate(voting_cycle) == 2
    assert verdicts() == {
        voting.voter_key("a@mailinator.com"): "disposable_domain",
        key("b"): "",
        voting.voter_key("c@example.net"): "disposable_domain",
    }


def test_accounts_created_in_a_burst_from_one_network_are_not_counted(nominees, voting_cycle):
    PrizeCycle.objects.update(burst_account_limit=2, burst_window_minutes=10)
    voting_cycle.refresh_from_db()
    start = datetime(2026, 4, 5, 8, 0, tzinfo=UTC)
    # Three accounts within 10 minutes from one network: a burst; the fourth, an hour later, is not in it.
    for name, minutes in (("a", 0), ("b", 4), ("c", 10), ("d", 70)):
        cast(
            voting_cycle,
            nominees["library"],
            f"{name}@example.org",
            NETWORK,
            start + timedelta(minutes=minutes),
            APRIL,
        )
    # Two accounts in the same minutes from another network: within the limit.
    for name in ("e", "f"):
        cast(voting_cycle, nominees["library"], f"{name}@example.org", "198.51.100.0/24", start, APRIL)
    assert voting.evaluate(voting_cycle) == 3
    assert verdicts() == {
        key("a"): "account_burst",
        key("b"): "account_burst",
        key("c"): "account_burst",
        key("d"): "",
        key("e"): "",
        key("f"): "",
    }


def test_a_burst_window_is_measured_in_whole_minutes_on_both_sides(nominees, voting_cycle):
    PrizeCycle.objects.update(burst_account_limit=1, burst_window_minutes=10)
    voting_cycle.refresh_from_db()
    start = datetime(2026, 4, 5, 8, 0, tzinfo=UTC)
    cast(voting_cycle, nominees["library"], "a@example.org", NETWORK, start, APRIL)
    cast(
        voting_cycle,
        nominees["library"],
        "b@example.org",
        NETWORK,
        start + timedelta(minutes=10, seconds=1),
        APRIL,
    )
    assert voting.evaluate(voting_cycle) == 0
    cast(voting_cycle, nominees["library"], "c@example.org", NETWORK, start + timedelta(minutes=10), APRIL)
    assert voting.evaluate(voting_cycle) == 3


def test_a_burst_across_the_turn_of_a_ten_minute_block_is_found(nominees, voting_cycle):
    PrizeCycle.objects.update(burst_account_limit=2, burst_window_minutes=10)
    voting_cycle.refresh_from_db()
    # 08:10:00 UTC is a multiple of ten minutes since 1970: the three accounts straddle it.
    for name, at in (("a", (8, 9, 30)), ("b", (8, 10, 0)), ("c", (8, 11, 0))):
        created = datetime(2026, 4, 5, *at, tzinfo=UTC)
        cast(voting_cycle, nominees["library"], f"{name}@example.org", NETWORK, created, APRIL)
    assert voting.evaluate(voting_cycle) == 3
    assert set(verdicts().values()) == {"account_burst"}


def test_an_account_voting_in_several_categories_is_one_account_of_its_network(nominees, voting_cycle):
    PrizeCycle.objects.update(burst_account_limit=2, burst_window_minutes=10)
    voting_cycle.refresh_from_db()
    created = datetime(2026, 4, 5, 8, 0, tzinfo=UTC)
    for submission in (nominees["library"], nominees["health"]):
        cast(voting_cycle, submission, "a@example.org", NETWORK, created, APRIL)
    cast(voting_cycle, nominees["library"], "b@example.org", NETWORK, created, APRIL)
    assert voting.evaluate(voting_cycle) == 0
    cast(voting_cycle, nominees["health"], "c@example.org", NETWORK, created, APRIL)
    assert voting.evaluate(voting_cycle) == 4


def test_a_network_counts_its_first_votes_in_each_category_only(nominees, voting_cycle):
    PrizeCycle.objects.update(network_vote_limit=2, burst_account_limit=100)
    voting_cycle.refresh_from_db()
    old = datetime(2025, 1, 1, tzinfo=UTC)
    for name, minutes in (("a", 3), ("b", 1), ("c", 2), ("d", 4)):
        cast(
            voting_cycle,
            nominees["library"],
            f"{name}@example.org",
            NETWORK,
            old,
            APRIL + timedelta(minutes=minutes),
        )
    # Another category from the same network, and an unknown network, are counted apart.
    cast(voting_cycle, nominees["health"], "a@example.org", NETWORK, old, APRIL)
    cast(voting_cycle, nominees["library"], "e@example.org", "", old, APRIL)
    cast(voting_cycle, nominees["library"], "f@example.org", "", old, APRIL)
    assert voting.evaluate(voting_cycle) == 2
    by_category = set(Vote.objects.values_list("voter_key", "category__action_line__code", "policy_reason"))
    assert by_category == {
        (key("b"), "C3", ""),
        (key("c"), "C3", ""),
        (key("a"), "C3", "network_limit"),
        (key("d"), "C3", "network_limit"),
        (key("a"), "C7.4", ""),
        (key("e"), "C3", ""),
        (key("f"), "C3", ""),
    }


def test_a_disposable_vote_does_not_use_up_its_network_s_quota(nominees, voting_cycle):
    PrizeCycle.objects.update(network_vote_limit=1)
    voting_cycle.refresh_from_db()
    old = datetime(2025, 1, 1, tzinfo=UTC)
    cast(voting_cycle, nominees["library"], "a@yopmail.com", NETWORK, old, APRIL)
    cast(voting_cycle, nominees["library"], "b@example.org", NETWORK, old, APRIL + timedelta(minutes=1))
    cast(voting_cycle, nominees["library"], "c@example.org", NETWORK, old, APRIL + timedelta(minutes=2))
    voting.evaluate(voting_cycle)
    assert verdicts() == {
        voting.voter_key("a@yopmail.com"): "disposable_domain",
        key("b"): "",
        key("c"): "network_limit",
    }


def test_the_policy_is_applied_again_with_the_cycle_s_new_numbers(nominees, voting_cycle):
    PrizeCycle.objects.update(network_vote_limit=1)
    voting_cycle.refresh_from_db()
    old = datetime(2025, 1, 1, tzinfo=UTC)
    for name, minutes in (("a", 1), ("b", 2)):
        cast(
            voting_cycle,
            nominees["library"],
            f"{name}@example.org",
            NETWORK,
            old,
            APRIL + timedelta(minutes=minutes),
        )
    assert voting.evaluate(voting_cycle) == 1
    assert voting.evaluate(voting_cycle) == 0
    PrizeCycle.objects.update(network_vote_limit=5)
    voting_cycle.refresh_from_db()
    assert voting.evaluate(voting_cycle) == 1
    assert set(verdicts().values()) == {""}


# Tally and champions


def valid_votes(cycle, submission, count, offset=0):
    old = datetime(2025, 1, 1, tzinfo=UTC)
    for n in range(offset, offset + count):
        cast(cycle, submission, f"voter{n}@example.org", f"10.0.{n}.0/24", old, APRIL)


def test_the_tally_explains_each_project_s_votes(nominees, voting_cycle, clerk):
    valid_votes(voting_cycle, nominees["library"], 3)
    old = datetime(2025, 1, 1, tzinfo=UTC)
    cast(voting_cycle, nominees["library"], "x@mailinator.com", "", old, APRIL)
    excluded = cast(voting_cycle, nominees["networks"], "y@example.org", "", old, APRIL)
    voting.exclude_vote(excluded, "Fraud", clerk)
    voting.evaluate(voting_cycle)
    rows = [
        (
            row.title,
            row.valid,
            row.disposable_domain,
            row.account_burst,
            row.network_limit,
            row.secretariat,
            row.total,
        )
        for row in voting.tally(voting_cycle)
    ]
    assert rows == [
        ("Mobile digital libraries", 3, 1, 0, 0, 0, 4),
        ("Community networks", 0, 0, 0, 0, 1, 1),
        ("Telemedicine for islands", 0, 0, 0, 0, 0, 0),
    ]


def test_champions_are_not_computed_while_voting_is_open(nominees, voting_cycle, clerk):
    assert refusal(voting.compute_champions, voting_cycle, clerk)[0] == "open"


@pytest.fixture
def after_voting(time_machine):
    time_machine.move_to(VOTING_CLOSES + timedelta(hours=1), tick=False)


def states(cycle):
    return dict(Submission.objects.filter(cycle=cycle).values_list("title", "state"))


def test_the_nominees_with_the_most_valid_votes_become_champions_and_ties_share_the_last_place(
    voting_cycle, clerk, time_machine
):
    PrizeCycle.objects.update(champions_per_category=2)
    voting_cycle.refresh_from_db()
    counts = {"Five": 5, "Three A": 3, "Three B": 3, "One": 1, "None": 0}
    projects = {title: nominee(voting_cycle, title) for title in counts}
    other = nominee(voting_cycle, "Only one in C7.4", code="C7.4")
    offset = 0
    for title, count in counts.items():
        valid_votes(voting_cycle, projects[title], count, offset)
        offset += count
    valid_votes(voting_cycle, other, 1, offset)
    # Five disposable votes would lift "One" to the top if they counted.
    old = datetime(2025, 1, 1, tzinfo=UTC)
    for name in ("p", "q", "r", "s", "t"):
        cast(voting_cycle, projects["One"], f"{name}@mailinator.com", "", old, APRIL)
    time_machine.move_to(VOTING_CLOSES, tick=False)
    found = voting.compute_champions(voting_cycle, clerk)
    assert (found.promoted, found.demoted) == (4, 0)
    assert found.ids == {projects["Five"].pk, projects["Three A"].pk, projects["Three B"].pk, other.pk}
    assert states(voting_cycle) == {
        "Five": "champion",
        "Three A": "champion",
        "Three B": "champion",
        "One": "nominee",
        "None": "nominee",
        "Only one in C7.4": "champion",
    }
    assert (
        AuditEntry.objects.filter(
            content_type__model="submission", changes={"state": ["nominee", "champion"]}
        ).count()
        == 4
    )


def test_computing_the_champions_again_follows_the_secretariat_s_exclusions(
    voting_cycle, clerk, after_voting
):
    PrizeCycle.objects.update(champions_per_category=1)
    voting_cycle.refresh_from_db()
    first, second = nominee(voting_cycle, "First"), nominee(voting_cycle, "Second")
    valid_votes(voting_cycle, first, 3)
    valid_votes(voting_cycle, second, 2, offset=3)
    voting.compute_champions(voting_cycle, clerk)
    assert states(voting_cycle) == {"First": "champion", "Second": "nominee"}
    for vote in Vote.objects.filter(submission=first)[:2]:
        voting.exclude_vote(vote, "One household", clerk)
    found = voting.compute_champions(voting_cycle, clerk)
    assert (found.promoted, found.demoted) == (1, 1)
    assert states(voting_cycle) == {"First": "nominee", "Second": "champion"}


@pytest.fixture
def certificates(monkeypatch):
    """``prizes.results.issue_certificates``, written by the results' module, recorded instead."""
    issued = []
    monkeypatch.setitem(sys.modules, "prizes.results", SimpleNamespace(issue_certificates=issued.append))
    return issued


def test_publishing_the_champions_issues_their_certificates_once_after_the_commit(
    voting_cycle, clerk, after_voting, certificates, django_capture_on_commit_callbacks
):
    valid_votes(voting_cycle, nominee(voting_cycle, "First"), 1)
    voting.compute_champions(voting_cycle, clerk)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert voting.publish_champions(voting_cycle, clerk) is True
        assert certificates == []
    assert len(callbacks) == 1
    assert [cycle.pk for cycle in certificates] == [voting_cycle.pk]
    assert PrizeCycle.objects.get().champions_published_at == VOTING_CLOSES + timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert voting.publish_champions(voting_cycle, clerk) is False
    assert len(certificates) == 1
    assert AuditEntry.objects.filter(content_type__model="prizecycle").count() == 1


def test_champions_are_published_only_once_computed(voting_cycle, clerk, after_voting, certificates):
    nominee(voting_cycle, "First")
    assert refusal(voting.publish_champions, voting_cycle, clerk)[0] == "no_champions"
    assert PrizeCycle.objects.get().champions_published_at is None


def test_published_champions_freeze_the_votes(voting_cycle, clerk, after_voting, certificates):
    first = nominee(voting_cycle, "First")
    valid_votes(voting_cycle, first, 1)
    voting.compute_champions(voting_cycle, clerk)
    voting.publish_champions(voting_cycle, clerk)
    voting_cycle.refresh_from_db()
    vote = Vote.objects.select_related("cycle").get()
    assert refusal(voting.exclude_vote, vote, "Late doubt", clerk)[0] == "published"
    assert refusal(voting.compute_champions, voting_cycle, clerk)[0] == "published"


def test_the_voter_of_a_deleted_account_is_forgotten_but_the_vote_stays(nominees, voter):
    voting.cast_vote(voter, nominees["library"], NETWORK)
    User.objects.filter(pk=voter.pk).delete()
    assert Vote.objects.values_list("voter", "email_domain").get() == (None, "example.org")
