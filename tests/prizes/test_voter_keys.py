"""One mailbox, one vote, whatever form of the address an account has: the voter key of every form of a
mailbox (its case, its domain in Unicode or in punycode, a quoted local part that older accounts may have)
is one key, so that accounts on one mailbox cast one vote per category, through the service and the page.
Votes cast before addresses were normalised get the key of their account's address (migration 0006): where
two then reach one mailbox, the first cast counts and the other is excluded, with its reason."""

from importlib import import_module

import pytest
from django.apps import apps
from django.utils.crypto import salted_hmac
from hypothesis import example, given
from hypothesis import strategies as st

from prizes import voting
from prizes.models import PrizeCycle, Vote
from tests.factories import PrizeCycleFactory, UserFactory
from tests.prizes import test_voting as base
from tests.prizes.test_voting import NETWORK, nominee
from tests.stakeholders.mailboxes import EXAMPLES, MAILBOX, rolled_back, several_plain
from tests.stakeholders.mailboxes import plain as plain_forms
from tests.stakeholders.mailboxes import quoted as quoted_forms
from wsis_portal.lifecycle.models import AuditEntry

pytestmark = pytest.mark.django_db
# The fixtures of the services' tests.
in_april, voting_cycle, nominees = base.in_april, base.voting_cycle, base.nominees
recompute = import_module("prizes.migrations.0006_voter_keys_of_normalised_addresses").recompute
DUPLICATE = "A vote has already been cast in this category with your e-mail address."
REASON = "A second vote from one mailbox in this category (found when e-mail addresses were normalised)."


def legacy_key(email):
    """The voter key as it was computed before addresses were normalised: the address in lower case."""
    return salted_hmac(voting.VOTER_KEY_SALT, email.strip().lower(), algorithm="sha256").hexdigest()


def accounts(emails):
    """An account with a verified address for each of ``emails``, as kept before sign-up normalised them."""
    return [UserFactory(email=email) for email in emails]


# The key


@given(email=st.one_of(plain_forms, quoted_forms))
@example(email="amina.diallo@xn--bcher-kva.example")
@example(email='"amina.diallo"@BÜCHER.example')
def test_every_form_of_a_mailbox_has_one_voter_key(email):
    assert voting.voter_key(email) == voting.voter_key(MAILBOX)
    assert voting.email_domain(email) == "bücher.example"


def test_other_mailboxes_have_other_keys():
    mailboxes = (MAILBOX, "amina@bücher.example", "amina.diallo@b.example")
    assert len({voting.voter_key(email) for email in mailboxes}) == 3


def test_an_address_email_validator_refuses_still_has_a_key():
    assert voting.voter_key(" Amina@Example.TEST ") == legacy_key("amina@example.test")


# Casting


def test_accounts_on_one_mailbox_cast_one_vote_through_the_service(nominees):
    @given(emails=st.tuples(several_plain, st.lists(quoted_forms, max_size=1)).map(lambda p: p[0] + p[1]))
    @example(emails=["amina.diallo@bücher.example", "AMINA.DIALLO@XN--BCHER-KVA.EXAMPLE"])
    @EXAMPLES
    def one_vote(emails):
        with rolled_back():
            # Accounts' addresses differ in more than case (the database and allauth compare them so).
            first, *others = accounts({email.lower(): email for email in emails}.values())
            voting.cast_vote(first, nominees["library"], NETWORK)
            for other in others:
                assert base.refusal(voting.cast_vote, other, nominees["networks"]) == (
                    "duplicate",
                    [DUPLICATE],
                )
            assert list(Vote.objects.values_list("voter", "submission__title", "voter_key")) == [
                (first.pk, "Mobile digital libraries", voting.voter_key(MAILBOX))
            ]

    one_vote()


def test_accounts_on_one_mailbox_cast_one_vote_through_the_page(client, nominees):
    unicode, punycode = accounts(["amina.diallo@bücher.example", "Amina.Diallo@xn--bcher-kva.example"])
    client.force_login(unicode)
    client.post("/en/prizes/vote/C3/", {"submission": nominees["library"].pk})
    client.force_login(punycode)
    response = client.post("/en/prizes/vote/C3/", {"submission": nominees["networks"].pk})
    assert response.status_code == 400
    assert DUPLICATE in response.content.decode()
    assert list(Vote.objects.values_list("voter", "submission__title")) == [
        (unicode.pk, "Mobile digital libraries")
    ]


# Votes cast before addresses were normalised


def legacy_vote(voter, submission, voter_key="", email_domain=""):
    """A vote as ``cast_vote`` stored it before addresses were normalised (``voter`` None: its account was
    deleted since)."""
    email = voter.email if voter else ""
    return Vote.objects.create(
        cycle=submission.cycle,
        category_id=submission.category_id,
        submission=submission,
        voter=voter,
        voter_key=voter_key or legacy_key(email),
        cast_at=voting.schedule.now(),
        account_created_at=voter.date_joined if voter else voting.schedule.now(),
        email_domain=email_domain or email.rpartition("@")[2].lower(),
    )


def keys():
    return list(Vote.objects.order_by("pk").values_list("voter_key", "email_domain", "excluded_reason"))


def test_votes_of_accounts_get_the_key_of_their_address_as_now_normalised(nominees):
    punycode, plain = accounts(["amina.diallo@xn--bcher-kva.example", "omar@example.org"])
    legacy_vote(punycode, nominees["library"])
    legacy_vote(plain, nominees["library"])
    gone = legacy_key("gone@xn--bcher-kva.example")
    legacy_vote(None, nominees["networks"], voter_key=gone, email_domain="x")
    recompute(apps, None)
    assert keys() == [
        (voting.voter_key(MAILBOX), "bücher.example", ""),
        (voting.voter_key("omar@example.org"), "example.org", ""),
        (gone, "x", ""),
    ]
    # The account finds its vote by its key too, and votes once.
    assert voting.votes_of(punycode).get().voter_key == voting.voter_key(punycode.email)
    assert base.refusal(voting.cast_vote, UserFactory(email=MAILBOX), nominees["networks"])[0] == "duplicate"


def test_a_second_vote_of_one_mailbox_is_excluded_and_the_first_counts(nominees):
    first, second = accounts(["Amina.Diallo@XN--BCHER-KVA.example", "amina.diallo@bücher.example"])
    legacy_vote(first, nominees["library"])
    legacy_vote(second, nominees["networks"])
    legacy_vote(second, nominees["health"])  # another category: it counts
    recompute(apps, None)
    assert keys() == [
        # The second holds the key it had; the first keeps its former key rather than take it.
        (legacy_key(first.email), "bücher.example", ""),
        (voting.voter_key(MAILBOX), "bücher.example", REASON),
        (voting.voter_key(MAILBOX), "bücher.example", ""),
    ]
    excluded = Vote.objects.get(excluded_reason=REASON)
    assert (excluded.voter, excluded.excluded_by, excluded.excluded_at is not None) == (second, None, True)
    entry = AuditEntry.objects.get(object_id=str(excluded.pk))
    assert (entry.action, entry.actor, entry.changes) == ("changed", None, {"excluded_reason": ["", REASON]})
    assert [(row.title, row.valid) for row in voting.tally(nominees["library"].cycle)[:2]] == [
        ("Mobile digital libraries", 1),
        ("Community networks", 0),
    ]


def test_a_key_freed_by_one_vote_is_taken_by_the_vote_that_wants_it(nominees):
    """Votes whose keys change in a chain all get their new key, whatever the order they are read in."""
    first, second = accounts(["amina.diallo@xn--bcher-kva.example", "omar@example.org"])
    legacy_vote(first, nominees["library"])
    # The second's stored key is the one the first now wants (an account whose address changed since).
    legacy_vote(second, nominees["networks"], voter_key=voting.voter_key(MAILBOX))
    recompute(apps, None)
    assert keys() == [
        (voting.voter_key(MAILBOX), "bücher.example", ""),
        (voting.voter_key("omar@example.org"), "example.org", ""),
    ]


def test_votes_of_a_cycle_whose_champions_are_published_are_not_excluded(nominees):
    first, second = accounts(["amina.diallo@xn--bcher-kva.example", "amina.diallo@bücher.example"])
    legacy_vote(first, nominees["library"])
    legacy_vote(second, nominees["networks"])
    PrizeCycle.objects.update(champions_published_at=voting.schedule.now())
    recompute(apps, None)
    assert [reason for _key, _domain, reason in keys()] == ["", ""]
    assert not AuditEntry.objects.exists()


def test_the_recomputation_changes_nothing_the_second_time(nominees):
    first, second = accounts(["amina.diallo@xn--bcher-kva.example", "amina.diallo@bücher.example"])
    legacy_vote(first, nominees["library"])
    legacy_vote(second, nominees["networks"])
    recompute(apps, None)
    before = (keys(), AuditEntry.objects.count())
    recompute(apps, None)
    assert (keys(), AuditEntry.objects.count()) == before


def test_votes_of_other_cycles_are_keyed_apart(nominees):
    other = PrizeCycleFactory(edition__year=2025)
    voter = accounts(["amina.diallo@xn--bcher-kva.example"])[0]
    legacy_vote(voter, nominees["library"])
    legacy_vote(voter, nominee(other, "Another cycle's project"))
    recompute(apps, None)
    assert keys() == [(voting.voter_key(MAILBOX), "bücher.example", "")] * 2
