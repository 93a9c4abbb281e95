"""The stocktaking entry form, fed hostile text in every text box: a new draft saved, or saved and sent; a
returned entry corrected and sent again; the revision of a published entry. Never a 5xx; a refused form
(400) leaves the database as it was; an entry sent with hostile text is with the secretariat, its text as
typed. The service ``save_content`` takes any text the form lets through."""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from stocktaking import services
from stocktaking.models import Entry
from tests.factories import OrganisationFactory, UserFactory
from tests.hostile.checks import ACCEPTED, FUZZ, REFUSED, Watch
from tests.hostile.strategies import form_text, hostile_email, hostile_text
from tests.stocktaking.factories import EntryFactory, PublishedEntryFactory, entry_content
from wsis_portal.editions.models import ActionLine

pytestmark = pytest.mark.django_db

optional = st.one_of(st.just(""), hostile_text)
TEXT = {
    "title": hostile_text,
    "description": hostile_text,
    "contact_name": optional,
    "contact_email": st.one_of(st.just(""), hostile_email),
    "website": optional,
    "start_date": optional,
}
MIXED = {
    "title": "شبكات المجتمع \u200fWSIS\u200e 2026",
    "description": "\u202bوصف\u202c mixed ‏direction‎ text\r\nمع سطر ثانٍ\u200b",
    "contact_name": "أمينة \u2066Diallo\u2069",
    "contact_email": "amina@example.org",
    "website": "مثال.مصر",
    "start_date": "2026-01-15",
}
WITH_NUL = {**MIXED, "title": "شبكات\x00المجتمع"}


@pytest.fixture
def owner(client):
    user = UserFactory(full_name="Amina Diallo", organisation=OrganisationFactory(name="Nile Digital Forum"))
    client.force_login(user)
    return user


def entry_data(owner, text, *, send=False):
    return {
        "kind": "project",
        "language": "ar",
        "organisation": owner.organisation_id,
        "countries": ["EG"],
        "action_lines": [ActionLine.objects.get(code="C3").pk],
        "work_status": "ongoing",
        "end_date": "",
        **text,
        "submit" if send else "save": "",
    }


def published_unchanged(published):
    """A revision carries the changes; the published entry stays as it was until the secretariat approves."""
    published.refresh_from_db()
    assert (published.state, published.title) == ("accepted", "Published entry")


def sent_as_typed(text):
    """After an accepted "save and submit": the entry is with the secretariat, its title as typed."""
    entry = Entry.objects.order_by("-pk").first()
    assert (entry.state, entry.title) == ("submitted", text["title"].strip())


def test_new_entry_saved_or_sent(client, owner):
    watch = Watch()

    @given(text=st.fixed_dictionaries(TEXT), send=st.booleans())
    @example(text=MIXED, send=False)
    @example(text=MIXED, send=True)
    @example(text=WITH_NUL, send=True)
    @FUZZ
    def posts(text, send):
        watch.post(
            client,
            "/ar/stocktaking/mine/new/",
            entry_data(owner, text, send=send),
            then=lambda response: send and sent_as_typed(text),
        )

    posts()
    watch.expect(ACCEPTED, REFUSED)


def test_returned_entry_corrected_and_sent_again(client, owner):
    returned = EntryFactory(
        owner=owner, organisation=owner.organisation, state="returned", reference="WSIS-ST-2026-00042"
    )
    watch = Watch()

    @given(text=st.fixed_dictionaries(TEXT))
    @example(text=MIXED)
    @example(text=WITH_NUL)
    @FUZZ
    def posts(text):
        watch.post(
            client,
            f"/en/stocktaking/mine/{returned.pk}/edit/",
            entry_data(owner, text, send=True),
            then=lambda response: sent_as_typed(text),
        )

    posts()
    watch.expect(ACCEPTED, REFUSED)


def test_revision_of_a_published_entry(client, owner):
    published = PublishedEntryFactory(owner=owner, organisation=owner.organisation, title="Published entry")
    # Opening the published entry for changes opens its revision.
    revision_url = client.get(f"/en/stocktaking/mine/{published.pk}/edit/")["Location"]
    watch = Watch()

    @given(text=st.fixed_dictionaries(TEXT), send=st.booleans())
    @example(text=MIXED, send=True)
    @example(text=WITH_NUL, send=True)
    @FUZZ
    def posts(text, send):
        watch.post(
            client,
            revision_url,
            entry_data(owner, text, send=send),
            then=lambda response: published_unchanged(published),
        )

    posts()
    watch.expect(ACCEPTED, REFUSED)


def test_save_content_takes_any_text_the_form_lets_through(owner):
    """What the form lets through: any text without NUL, within the field's length. Saved, then sent: the
    search terms, the audit log and the receipt (with the title in it) are made of it."""
    watch = Watch()
    passes = form_text.filter(bool)

    @given(title=passes.map(lambda text: text[:300]), description=passes.map(lambda text: text[:5000]))
    @example(title=MIXED["title"], description=MIXED["description"])
    @FUZZ
    def saves(title, description):
        def sent(entry):
            services.submit(entry, owner)
            entry.refresh_from_db()
            assert (entry.state, entry.title, entry.description) == ("submitted", title, description)

        content = entry_content(owner.organisation, title=title, description=description)
        watch.call(services.save_content, Entry(), content, owner, then=sent)

    saves()
    watch.expect(ACCEPTED)
