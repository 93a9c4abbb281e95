"""The platform's own forms, fed hostile text in every text box: the profile, asking to act for an
organisation (an existing one or a proposed one) and the language switcher. Never a 5xx; a refused form
(400) leaves the database as it was; and each test sees both an accepted and a refused example."""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tests.factories import OrganisationFactory, UserFactory
from tests.hostile.checks import ACCEPTED, FUZZ, REFUSED, Watch
from tests.hostile.strategies import hostile_text

pytestmark = pytest.mark.django_db

MIXED = "منتدى WSIS \u200f2026\u200e — Nile"


@pytest.fixture
def stakeholder(client):
    user = UserFactory(full_name="Amina Diallo", organisation=OrganisationFactory(name="Nile Digital Forum"))
    client.force_login(user)
    return user


def test_profile_form(client, stakeholder):
    watch = Watch()

    @given(name=hostile_text, title=hostile_text)
    @example(name=MIXED, title="مديرة \u202bالسياسات\u202c")
    @example(name="Amina\x00", title="")
    @FUZZ
    def posts(name, title):
        data = {
            "full_name": name,
            "job_title": title,
            "preferred_language": "ar",
            "time_zone": "",
            "stakeholder_type": "civil_society",
            "country": "EG",
        }
        watch.post(client, "/en/me/profile/", data)

    posts()
    watch.expect(ACCEPTED, REFUSED)


def test_proposing_an_organisation(client, stakeholder):
    watch = Watch()

    @given(name=hostile_text, acronym=hostile_text, motivation=hostile_text, website=hostile_text)
    @example(name=MIXED, acronym="\u200bNDF", motivation="منسقة البرامج", website="مثال.مصر")
    @example(name="Nile\x00Forum", acronym="", motivation="Coordinator", website="")
    @FUZZ
    def posts(name, acronym, motivation, website):
        data = {
            "new_name": name,
            "new_acronym": acronym,
            "new_stakeholder_type": "civil_society",
            "new_country": "EG",
            "new_website": website,
            "motivation": motivation,
        }
        watch.post(client, "/en/me/organizations/", data)

    posts()
    watch.expect(ACCEPTED, REFUSED)


def test_asking_to_act_for_an_organisation_in_the_list(client, stakeholder):
    organisation = OrganisationFactory(name="Arab Digital Forum")
    watch = Watch()

    @given(motivation=hostile_text, chosen=st.one_of(st.just(str(organisation.pk)), hostile_text))
    @example(motivation="مديرة \u2067البرامج\u2069", chosen=str(organisation.pk))
    @example(motivation="\x00", chosen=str(organisation.pk))
    @FUZZ
    def posts(motivation, chosen):
        watch.post(
            client,
            "/ar/me/organizations/",
            {"organisation": chosen, "motivation": motivation},
        )

    posts()
    watch.expect(ACCEPTED, REFUSED)


@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "signed-in"])
def test_language_switcher(client, stakeholder, signed_in):
    """Whatever the page it says it comes from and the language it asks for, a redirect."""
    if not signed_in:
        client.logout()
    watch = Watch()

    @given(
        next_url=st.one_of(hostile_text, st.sampled_from(["//[", "http://[::1", "/ar/\x00", "//evil.org"]))
    )
    @example(next_url="http://[::1")
    @FUZZ
    def posts(next_url):
        for language in ("ar", "en", next_url):
            response = watch.post(client, "/i18n/setlang/", {"next": next_url, "language": language})
            assert response.status_code == 302

    posts()
