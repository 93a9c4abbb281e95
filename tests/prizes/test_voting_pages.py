"""The public vote's pages: the categories with their nominees, a category's nominees (searchable in Arabic
and English) with their vote buttons, "my votes" and the published policy; refusals said on the page in the
reader's language, nothing lost; a fixed number of queries whatever the number of nominees."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.messages import get_messages

from prizes import voting
from prizes.models import Vote
from tests.factories import PrizeSubmissionFactory, UserFactory
from tests.prizes import test_voting as base
from tests.prizes.test_voting import APRIL, VOTING_CLOSES, nominee

pytestmark = pytest.mark.django_db
# The fixtures of the services' tests.
in_april, voting_cycle, nominees, voter = base.in_april, base.voting_cycle, base.nominees, base.voter


def html(response):
    return " ".join(response.content.decode().split())


def flash(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def signed_in(client, voter, in_april):
    client.force_login(voter)
    return client


# The categories


def test_the_voting_page_lists_every_category_with_its_nominees(client, nominees):
    page = html(client.get("/en/prizes/vote/"))
    assert page.count('href="/en/prizes/vote/C') == 18
    assert '<a href="/en/prizes/vote/C3/"><bdi>C3</bdi> Access to information and knowledge</a>' in page
    assert "<p>2 nominees</p>" in page
    assert '<span lang="en" dir="auto">Community networks</span>' in page
    assert "Votes are accepted until:" in page
    assert "30 April 2026, 23:59 <bdi>CEST</bdi> (Geneva time)" in page


def test_the_voting_page_in_arabic_is_right_to_left(client, nominees):
    response = client.get("/ar/prizes/vote/")
    page = html(response)
    assert '<html lang="ar" dir="rtl">' in page
    assert 'href="/ar/prizes/vote/C7.4/"' in page


def test_nominees_are_not_shown_before_they_are_published(client, nominees, voting_cycle):
    type(voting_cycle).objects.update(nominees_published_at=None)
    page = html(client.get("/en/prizes/vote/"))
    assert "The nominees have not been published yet: voting opens once they are." in page
    assert "Community networks" not in page


def test_the_voting_page_marks_my_vote(signed_in, voter, nominees):
    voting.cast_vote(voter, nominees["library"], "")
    page = html(signed_in.get("/en/prizes/vote/"))
    assert page.count("You have voted") == 1
    assert "Mobile digital libraries</span> <strong>(your vote)</strong>" in page


@pytest.mark.parametrize("count", [1, 3])
def test_the_voting_page_runs_a_fixed_number_of_queries(
    signed_in, voting_cycle, django_assert_num_queries, count
):
    for n in range(count):
        nominee(voting_cycle, f"Project {n}", code=("C3", "C7.4", "C11")[n])
    # session, user, current edition (2), cycle, phases, categories, nominees, my votes
    with django_assert_num_queries(9):
        response = signed_in.get("/en/prizes/vote/")
    assert sum(len(category.nominees) for category in response.context["categories"]) == count


# A category


def test_a_category_shows_its_nominees_with_their_short_descriptions(client, nominees):
    response = client.get("/en/prizes/vote/C3/")
    page = html(response)
    assert [n.title for n in response.context["nominees"]] == [
        "Community networks",
        "Mobile digital libraries",
    ]
    assert '<p lang="en" dir="auto">Buses bring books.</p>' in page
    assert '<p id="nominee-count">2 nominees</p>' in page
    assert 'href="/en/accounts/login/?next=/en/prizes/vote/C3/">Sign in to vote</a>' in page
    assert 'name="submission"' not in page


def test_an_unknown_category_is_missing(client, nominees):
    assert client.get("/en/prizes/vote/C99/").status_code == 404


def test_the_nominees_are_searched_by_their_words(client, nominees):
    response = client.get("/en/prizes/vote/C3/", {"q": "VILLAGE network"})
    assert [n.title for n in response.context["nominees"]] == ["Community networks"]
    assert "1 of 2 nominees matches your search." in html(response)
    assert client.get("/en/prizes/vote/C3/", {"q": "satellite"}).context["nominees"] == []


def test_the_nominees_are_searched_in_arabic_whatever_the_article(client, voting_cycle):
    nominee(voting_cycle, "والمكتبات الرقمية المتنقلة", language="ar", short_description="حافلات تزور القرى")
    nominee(voting_cycle, "شبكات مجتمعية", language="ar", short_description="القرى تدير شبكاتها")
    response = client.get("/ar/prizes/vote/C3/", {"q": "المكتبات"})
    assert [n.title for n in response.context["nominees"]] == ["والمكتبات الرقمية المتنقلة"]
    assert len(client.get("/ar/prizes/vote/C3/", {"q": "القري"}).context["nominees"]) == 2


def test_the_nominees_are_searched_in_persian_or_urdu_letters_and_compounds(client, voting_cycle):
    nominee(voting_cycle, "المكتبات الرقمية", language="ar", short_description="حافلات تزور القرى")
    nominee(voting_cycle, "Multi-stakeholder e-government", short_description="One platform")
    nominee(voting_cycle, "Community networks", short_description="Villages run their networks")
    for q, found in [
        ("المکتبات", ["المكتبات الرقمية"]),  # keheh
        ("القرے", ["المكتبات الرقمية"]),  # yeh barree
        ("multistakeholder egovernment", ["Multi-stakeholder e-government"]),
    ]:
        response = client.get("/ar/prizes/vote/C3/", {"q": q})
        assert [n.title for n in response.context["nominees"]] == found


@pytest.mark.parametrize("count", [1, 3])
def test_a_category_runs_a_fixed_number_of_queries(signed_in, voting_cycle, django_assert_num_queries, count):
    for n in range(count):
        nominee(voting_cycle, f"Project {n}")
    # session, user, category, current edition (2), cycle, phases, nominees, my votes, verified address
    with django_assert_num_queries(10):
        response = signed_in.get("/en/prizes/vote/C3/")
    assert len(response.context["nominees"]) == count


# Voting


def test_a_verified_voter_votes_from_the_category_page(signed_in, voter, nominees):
    library = nominees["library"]
    response = signed_in.post("/en/prizes/vote/C3/", {"submission": library.pk}, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 302
    assert response["Location"] == "/en/prizes/vote/C3/"
    assert flash(response) == ["Your vote for “Mobile digital libraries” has been recorded."]
    assert Vote.objects.values_list("voter", "submission", "ip_network").get() == (
        voter.pk,
        library.pk,
        "203.0.113.0/24",
    )
    page = html(signed_in.get("/en/prizes/vote/C3/"))
    assert page.count('name="submission"') == 1
    assert "Give my vote to this project instead" in page
    assert '<span class="badge badge-open">Your vote</span>' in page


def test_the_search_is_kept_after_a_vote(signed_in, nominees):
    response = signed_in.post("/en/prizes/vote/C3/", {"submission": nominees["networks"].pk, "q": "village"})
    assert response["Location"] == "/en/prizes/vote/C3/?q=village"


def test_a_second_vote_in_the_category_moves_the_vote(signed_in, nominees):
    signed_in.post("/en/prizes/vote/C3/", {"submission": nominees["library"].pk})
    signed_in.get("/en/prizes/vote/C3/")
    response = signed_in.post("/en/prizes/vote/C3/", {"submission": nominees["networks"].pk})
    assert flash(response) == ["Your vote in this category now goes to “Community networks”."]
    assert list(Vote.objects.values_list("submission__title", flat=True)) == ["Community networks"]


def test_the_network_is_taken_behind_the_trusted_proxy(signed_in, nominees, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    signed_in.post(
        "/en/prizes/vote/C3/",
        {"submission": nominees["library"].pk},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.20",
    )
    assert Vote.objects.get().ip_network == "198.51.100.0/24"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_vote_after_the_deadline_is_refused_on_the_page_and_nothing_is_lost(
    signed_in, nominees, time_machine, language
):
    signed_in.post(f"/{language}/prizes/vote/C3/", {"submission": nominees["library"].pk})
    time_machine.move_to(VOTING_CLOSES, tick=False)
    response = signed_in.post(
        f"/{language}/prizes/vote/C3/", {"submission": nominees["networks"].pk, "q": "bus"}
    )
    page = html(response)
    assert response.status_code == 400
    assert f'<html lang="{language}" dir="{"rtl" if language == "ar" else "ltr"}">' in page
    assert page.count('role="alert"') == 1
    assert 'value="bus"' in page
    assert list(Vote.objects.values_list("submission__title", flat=True)) == ["Mobile digital libraries"]
    assert 'name="submission"' not in page


def test_the_deadline_message_is_the_services_one(signed_in, nominees, time_machine):
    time_machine.move_to(VOTING_CLOSES + timedelta(days=1), tick=False)
    page = html(signed_in.post("/en/prizes/vote/C3/", {"submission": nominees["library"].pk}))
    assert (
        '<p class="message message-error" role="alert">Voting is not open: votes are accepted only between '
        "the opening of voting and its deadline.</p>"
    ) in page
    assert "Votes are final since:" in page


def test_a_vote_for_a_project_outside_the_category_is_refused(signed_in, nominees):
    for value in (nominees["health"].pk, 987654, "abc", ""):
        response = signed_in.post("/en/prizes/vote/C3/", {"submission": value})
        assert response.status_code == 400
        assert "Choose one of the nominees of this category." in html(response)
    assert Vote.objects.count() == 0


def test_a_project_of_the_category_that_is_not_a_nominee_is_refused(signed_in, voting_cycle):
    entered = PrizeSubmissionFactory(cycle=voting_cycle, state="submitted")
    response = signed_in.post("/en/prizes/vote/C3/", {"submission": entered.pk})
    assert "Only the nominees of the cycle can receive votes." in html(response)


def test_an_anonymous_vote_asks_to_sign_in(client, nominees):
    response = client.post("/ar/prizes/vote/C3/", {"submission": nominees["library"].pk})
    assert response["Location"] == "/ar/accounts/login/?next=/ar/prizes/vote/C3/"
    assert Vote.objects.count() == 0


def test_an_unverified_account_is_told_to_verify_its_address(client, nominees):
    account = UserFactory()
    EmailAddress.objects.filter(user=account).update(verified=False)
    client.force_login(account)
    page = html(client.get("/en/prizes/vote/C3/"))
    assert "Only accounts with a verified e-mail address can vote." in page
    assert 'name="submission"' not in page
    response = client.post("/en/prizes/vote/C3/", {"submission": nominees["library"].pk})
    assert "Verify your e-mail address before you vote." in html(response)


# My votes


def test_my_votes_lists_my_votes_changeable_until_the_deadline(signed_in, voter, nominees, time_machine):
    voting.cast_vote(voter, nominees["library"], "")
    voting.cast_vote(voter, nominees["health"], "")
    voting.cast_vote(UserFactory(), nominees["networks"], "")
    response = signed_in.get("/en/prizes/my-votes/")
    page = html(response)
    assert [vote.submission.title for vote in response.context["votes"]] == [
        "Mobile digital libraries",
        "Telemedicine for islands",
    ]
    assert 'href="/en/prizes/vote/C3/">Yes, until the deadline: change my vote in <bdi>C3</bdi></a>' in page
    assert "25 April 2026, 14:00" in page
    time_machine.move_to(VOTING_CLOSES, tick=False)
    assert html(signed_in.get("/en/prizes/my-votes/")).count("No: votes are final") == 2


def test_my_votes_requires_sign_in(client, db):
    assert client.get("/ar/prizes/my-votes/")["Location"] == "/ar/accounts/login/?next=/ar/prizes/my-votes/"


def test_my_votes_shows_a_vote_of_my_address_from_a_deleted_account(client, voter, nominees):
    voting.cast_vote(voter, nominees["library"], "")
    voter.delete()
    again = UserFactory(email="amina.diallo@example.org")
    client.force_login(again)
    page = html(client.get("/en/prizes/my-votes/"))
    assert "No: cast with your e-mail address from another account" in page


@pytest.mark.parametrize("count", [1, 3])
def test_my_votes_runs_a_fixed_number_of_queries(
    signed_in, voter, voting_cycle, django_assert_num_queries, count
):
    for code in ("C3", "C7.4", "C11")[:count]:
        voting.cast_vote(voter, nominee(voting_cycle, f"Project in {code}", code=code), "")
    # session, user, votes, current edition (2), cycle, phases, verified address
    with django_assert_num_queries(8):
        response = signed_in.get("/en/prizes/my-votes/")
    assert len(response.context["votes"]) == count


# The policy


def test_the_policy_page_states_the_cycle_s_numbers(client, voting_cycle):
    type(voting_cycle).objects.update(network_vote_limit=15, burst_account_limit=8, burst_window_minutes=30)
    page = html(client.get("/en/prizes/voting-policy/"))
    assert (
        "when more than <bdi>8</bdi> accounts voting from one network were created within <bdi>30</bdi>"
        in page
    )
    assert "only the first <bdi>15</bdi> valid votes from one network count" in page
    assert (
        "the <bdi>5</bdi> nominees with the most valid votes in each category become WSIS Prizes Champions"
        in page
    )
    assert page.split("<ol>")[1].split("</ol>")[0].count("<li>") == 4
    assert "<bdi>mailinator.com</bdi>" in page
    assert "30 April 2026, 23:59 <bdi>CEST</bdi> (Geneva time)" in page


def test_the_policy_page_without_a_cycle_still_states_the_rules(client, db):
    response = client.get("/ar/prizes/voting-policy/")
    page = html(response)
    assert '<html lang="ar" dir="rtl">' in page
    rules = page.split("<ol>")[1].split("</ol>")[0]
    # Without a cycle, the rules with the cycle's numbers are left out: disposable domains, the secretariat.
    assert response.context["cycle"] is None
    assert (rules.count("<li>"), "<bdi>mailinator.com</bdi>" in rules) == (2, True)


def test_the_cast_time_is_the_server_s(signed_in, nominees):
    signed_in.post("/en/prizes/vote/C3/", {"submission": nominees["library"].pk, "cast_at": "2020-01-01"})
    assert Vote.objects.get().cast_at == APRIL
