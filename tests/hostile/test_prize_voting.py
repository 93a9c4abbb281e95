"""The public vote of the WSIS Prizes, fed hostile text while voting is open (25 April 2026): the vote
with any choice and search, a category's page with any code and search. Never a 5xx; a refused vote (400)
leaves the database as it was. ``cast_vote`` takes any network, and the voter's key, domain and network
come from any text."""

from urllib.parse import quote

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from prizes import voting
from prizes.models import Submission
from tests.factories import PrizeCycleFactory, UserFactory
from tests.hostile.checks import ACCEPTED, FUZZ, REFUSED, Watch
from tests.hostile.strategies import hostile_text
from tests.prizes.test_voting import APRIL, nominee, open_voting

pytestmark = pytest.mark.django_db


@pytest.fixture
def voter(client, time_machine):
    """A voter with a verified address, signed in while voting is open on the published nominees."""
    time_machine.move_to(APRIL, tick=False)
    cycle = open_voting(PrizeCycleFactory())
    nominee(cycle, "مكتبات رقمية متنقلة", short_description="حافلات تحمل الكتب.")
    nominee(cycle, "Community networks", short_description="Villages run networks.")
    user = UserFactory(email="amina.voter@example.org", full_name="أمينة")
    client.force_login(user)
    return user


def test_vote_with_any_choice_and_search(client, voter):
    chosen = Submission.objects.get(title="Community networks")
    watch = Watch()

    @given(choice=st.one_of(st.just(str(chosen.pk)), hostile_text), query=hostile_text)
    @example(choice=str(chosen.pk), query="شبكات \u200fcommunity")
    @example(choice=f"{chosen.pk}\x00", query="\x00")
    @example(choice="²", query="")
    @FUZZ
    def votes(choice, query):
        watch.post(client, "/ar/prizes/vote/C3/", {"submission": choice, "q": query})

    votes()
    watch.expect(ACCEPTED, REFUSED)


def test_category_search_and_vote_pages_with_any_code(client, voter):
    @given(query=hostile_text, code=st.one_of(st.sampled_from(["C3", "C7.4"]), hostile_text))
    @example(query="مكتبات", code="C3\x00")
    @FUZZ
    def opens(query, code):
        response = client.get(f"/ar/prizes/vote/{quote(code, safe='')}/", {"q": query})
        assert response.status_code in (200, 404)

    opens()


def test_cast_vote_takes_any_network(voter):
    chosen = voting_nominee()
    watch = Watch()

    @given(address=hostile_text)
    @example(address="192.0.2.7")
    @example(address="fe80::1%eth0")
    @FUZZ
    def casts(address):
        watch.call(voting.cast_vote, voter, chosen, voting.network_of(address))

    casts()
    watch.expect(ACCEPTED)


def voting_nominee():
    return (
        Submission.objects.select_related("cycle__edition")
        .prefetch_related("cycle__edition__phases")
        .get(title="Community networks")
    )


@given(text=hostile_text)
@example(text="Amina.Diallo+prizes@Gmail.com")
@example(text="fe80::1%eth0")
@FUZZ
def test_voter_identity_from_any_address(text):
    """The voter key, the domain and the network of any text: text, never an exception."""
    assert isinstance(voting.voter_key(text), str)
    assert isinstance(voting.email_domain(text), str)
    assert isinstance(voting.network_of(text), str)
