"""The WSIS Prizes' projects, fed hostile text while the cycle takes them (10 February 2026): a project of
one's own organisation and a nomination, saved or saved and sent; the contact's answer to a nomination; a
sent project published to the stocktaking; and the verification of a certificate, by any code. Never a
5xx; a refused form leaves the database as it was; what is sent is kept as typed. ``save_draft`` takes any
text the form lets through; the look-ups by code or token take any text. The expert review and the vote
are in ``test_prize_review`` and ``test_prize_voting``."""

from datetime import UTC, datetime
from urllib.parse import quote

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from prizes import results, services
from prizes.models import Certificate, Submission
from tests.factories import (
    EditionFactory,
    FocalPointFactory,
    OrganisationFactory,
    PrizeCycleFactory,
    PrizeSubmissionFactory,
    UserFactory,
    prize_category,
)
from tests.hostile.checks import ACCEPTED, FUZZ, REFUSED, Watch, flash, in_every_language
from tests.hostile.strategies import form_text, hostile_email, hostile_text, hostile_words
from wsis_portal.editions.models import GDCObjective, SustainableDevelopmentGoal

pytestmark = pytest.mark.django_db

FEBRUARY = datetime(2026, 2, 10, 12, 0, tzinfo=UTC)
MIXED = "\u202bنص\u202c mixed ‏direction‎ text\r\nمع سطر ثانٍ\u200b <script>{{ x }}</script>"
# The short description must have 5 to 10 words (the factory's cycle) for a project to be sent.
SHORT = "حافلات تحمل الحواسيب \u200fوالإنترنت\u200e إلى القرى"
PROJECT_TEXT = {
    "title": hostile_text,
    "short_description": st.one_of(hostile_words(5, 10), hostile_text),
    "description": hostile_text,
    "impact_qualitative": hostile_text,
    "impact_quantitative": hostile_text,
    "partnerships": hostile_text,
    "challenges": hostile_text,
    "future_plans": hostile_text,
    "website": st.one_of(st.just(""), hostile_text),
}
ARABIC_PROJECT = {
    "title": "مكتبات رقمية متنقلة \u200fWSIS\u200e",
    "short_description": SHORT,
    "description": MIXED,
    "impact_qualitative": "النساء والشباب يتعلمون المهارات الرقمية.",
    "impact_quantitative": "١٢٬٠٠٠ شخص",
    "partnerships": "وزارة التعليم \u2066and two universities\u2069",
    "challenges": "الطرق في موسم الأمطار.",
    "future_plans": "عشر حافلات أخرى بحلول ٢٠٢٨.",
    "website": "مثال.مصر",
}
# Kept as a draft when sent: the form refuses its NUL.
WITH_NUL = {**ARABIC_PROJECT, "title": "مكتبات\x00رقمية"}
CODE = "7KQ2-M9XD-4HTA"
SAVED_NOT_SENT = in_every_language("Your draft has been saved; correct what is marked before sending it.")


@pytest.fixture
def owner(client, time_machine):
    """A confirmed focal point of an organisation, signed in while the 2026 cycle takes projects."""
    time_machine.move_to(FEBRUARY, tick=False)
    PrizeCycleFactory()
    organisation = OrganisationFactory(name="Nile Digital Forum", country="EG")
    user = UserFactory(full_name="Amina Diallo", organisation=organisation)
    FocalPointFactory(user=user, organisation=organisation, status="confirmed")
    client.force_login(user)
    return user


def project_data(organisation, text, *, send, **more):
    return {
        "category": prize_category("C3").pk,
        "organisation": organisation.pk,
        "language": "ar",
        "sdgs": [SustainableDevelopmentGoal.objects.get(number=4).pk],
        "gdc_objectives": [GDCObjective.objects.get(number=1).pk],
        "project_status": "completed",
        **text,
        **more,
        "submit" if send else "save": "",
    }


def content(organisation, **changes):
    """What the draft form hands to ``services.save_draft``: the Arabic project, run by ``organisation``."""
    return {
        **ARABIC_PROJECT,
        "category": prize_category("C3"),
        "organisation": organisation,
        "language": "ar",
        "project_status": "completed",
        "sdgs": SustainableDevelopmentGoal.objects.filter(number=4),
        "gdc_objectives": GDCObjective.objects.filter(number=1),
        **changes,
    }


def refused_or_kept(response):
    """A 400 refuses the form, but for a draft saved and then refused sending (the eligibility rules): it
    is kept as a draft, and nothing is sent."""
    if response.status_code != 400:
        return False
    if SAVED_NOT_SENT & set(flash(response)):
        assert not Submission.objects.exclude(state="draft").exists()
        return False
    return True


def sent_as_typed(text):
    def check(response):
        if response.status_code == 302 and "/edit/" not in response["Location"]:
            submission = Submission.objects.get()
            assert (submission.state, submission.description) == ("submitted", text["description"].strip())

    return check


def test_project_of_ones_own_organisation_saved_or_sent(client, owner):
    watch = Watch()

    @given(text=st.fixed_dictionaries(PROJECT_TEXT), send=st.booleans())
    @example(text=ARABIC_PROJECT, send=False)
    @example(text=ARABIC_PROJECT, send=True)
    @example(text=WITH_NUL, send=True)
    @FUZZ
    def posts(text, send):
        watch.post(
            client,
            "/ar/prizes/mine/new/",
            project_data(owner.organisation, text, send=send),
            refused=refused_or_kept,
            then=sent_as_typed(text),
        )

    posts()
    watch.expect(ACCEPTED, REFUSED)


def test_nomination_saved_or_sent(client, owner):
    nominated = OrganisationFactory(name="Community Networks Alliance", country="ZA")
    watch = Watch()
    contact = st.tuples(hostile_text, hostile_email)
    thandi = ("ثاندي \u200fMokoena", "thandi@example.org")

    @given(text=st.fixed_dictionaries(PROJECT_TEXT), contact=contact, send=st.booleans())
    @example(text=ARABIC_PROJECT, contact=thandi, send=False)
    @example(text=ARABIC_PROJECT, contact=thandi, send=True)
    @example(text=ARABIC_PROJECT, contact=("Thandi", "thandi@example.org\x00"), send=True)
    @FUZZ
    def posts(text, contact, send):
        name, email = contact
        data = project_data(nominated, text, send=send, contact_name=name, contact_email=email)
        watch.post(
            client, "/ar/prizes/mine/nominate/", data, refused=refused_or_kept, then=sent_as_typed(text)
        )

    posts()
    watch.expect(ACCEPTED, REFUSED)


def test_new_project_page_with_any_category_or_entry(client, owner):
    """``?category=`` chooses the category, ``?entry=`` fills the draft from a stocktaking entry."""

    @given(category=hostile_text, entry=hostile_text)
    @example(category="C3\x00", entry="1\x00")
    @example(category="C3", entry="²")
    @FUZZ
    def opens(category, entry):
        for query in ({"category": category}, {"category": category, "entry": entry}):
            assert client.get("/en/prizes/mine/new/", query).status_code in (200, 403, 404)

    opens()


def test_contact_answers_the_confirmation_link_with_anything(client, owner):
    nominated = OrganisationFactory(name="Community Networks Alliance", country="ZA")
    data = content(nominated, contact_name="Thandi Mokoena", contact_email="thandi@example.org")
    draft = services.save_draft(Submission(cycle=services.current_cycle(), kind="nomination"), data, owner)
    services.nominate(draft, owner)
    token = "a-known-token-for-the-hostile-tests"
    Submission.objects.filter(pk=draft.pk).update(confirmation_digest=services._digest(token))
    url = f"/ar/prizes/confirm/{token}/"
    client.logout()
    watch = Watch()

    @given(answer=st.one_of(st.sampled_from(["confirm", "decline"]), hostile_text))
    @example(answer="confirm")
    @example(answer="confirm\x00")
    @FUZZ
    def posts(answer):
        response = watch.post(client, url, {"answer": answer}, codes=(302,), refused=lambda r: bool(flash(r)))
        assert response["Location"] == url

    posts()
    watch.expect(ACCEPTED, REFUSED)


def test_save_draft_takes_any_text_the_form_lets_through(owner):
    watch = Watch()
    passes = form_text.filter(bool)

    short = hostile_words(5, 10).filter(lambda text: "\x00" not in text)

    @given(title=passes.map(lambda text: text[:300]), description=passes, short=short)
    @example(title=ARABIC_PROJECT["title"], description=MIXED, short=SHORT)
    @FUZZ
    def saves(title, description, short):
        def sent(submission):
            services.submit(submission, owner)
            submission.refresh_from_db()
            assert (submission.state, submission.description) == ("submitted", description)

        data = content(owner.organisation, title=title, description=description, short_description=short)
        submission = Submission(cycle=services.current_cycle(), kind="submission")
        watch.call(services.save_draft, submission, data, owner, then=sent)

    saves()
    watch.expect(ACCEPTED)


def test_publishing_a_sent_project_to_the_stocktaking(client, owner):
    """Where and when the work takes place, in any text; the project's own Arabic and mixed-direction text
    becomes the stocktaking entry's."""
    data = content(owner.organisation)
    draft = services.save_draft(Submission(cycle=services.current_cycle(), kind="submission"), data, owner)
    sent = services.submit(draft, owner)
    watch = Watch()

    @given(
        countries=st.lists(st.one_of(st.sampled_from(["EG", "SN"]), hostile_text), max_size=3),
        is_global=st.one_of(st.just(""), hostile_text),
        start=st.one_of(st.just("2024-05-01"), hostile_text),
    )
    @example(countries=["EG"], is_global="", start="2024-05-01")
    @example(countries=["EG\x00"], is_global="", start="")
    @FUZZ
    def posts(countries, is_global, start):
        data = {"countries": countries, "is_global": is_global, "start_date": start, "end_date": ""}
        watch.post(
            client,
            f"/ar/prizes/mine/{sent.pk}/publish-to-stocktaking/",
            data,
            then=lambda response: entry_as_written(),
        )

    def entry_as_written():
        entry = Submission.objects.get(pk=sent.pk).stocktaking_entry
        assert (entry.title, entry.description) == (ARABIC_PROJECT["title"], MIXED)

    posts()
    watch.expect(ACCEPTED, REFUSED)


# Certificates and confirmation links


@pytest.fixture
def certificate(db):
    """The certificate of a champion of 2025, published, with its code; no PDF rendered yet."""
    cycle = PrizeCycleFactory(
        edition=EditionFactory(year=2025),
        submission_phase=False,
        nominees_published_at=datetime(2025, 5, 1, tzinfo=UTC),
        champions_published_at=datetime(2025, 6, 1, tzinfo=UTC),
    )
    champion = PrizeSubmissionFactory(
        cycle=cycle, title="مكتبات رقمية متنقلة", state="champion", reference="WSIS-PR-2025-0001"
    )
    return Certificate.objects.create(submission=champion, kind="champion", code=CODE)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_certificate_verification_with_any_code(client, certificate, language):
    """The form, the certificate's page and its PDF, whatever code is typed or put in the address."""

    @given(code=hostile_text)
    @example(code=CODE)
    @example(code="7kq2 m9xd 4hta")
    @example(code="7kq2 m9xd 4hta\x00")
    @FUZZ
    def verifies(code):
        typed = client.get(f"/{language}/prizes/verify/", {"code": code})
        assert typed.status_code in (200, 302, 400, 404)
        if results.normalise_code(code) == CODE:
            assert typed["Location"] == f"/{language}/prizes/verify/{CODE}/"
        path = quote(code, safe="")
        if path:
            page = client.get(f"/{language}/prizes/verify/{path}/").status_code
            assert page == (200 if code == CODE else 302 if results.normalise_code(code) == CODE else 404)
            assert client.get(f"/{language}/prizes/verify/{path}/en.pdf").status_code == 404

    verifies()


def test_look_ups_by_code_or_token_take_any_text(certificate):
    """A certificate's code as stored finds it, any other text nothing; a confirmation token of any text
    names no nomination; never an exception."""

    @given(text=hostile_text)
    @example(text=CODE)
    @example(text=f"{CODE}\x00")
    @FUZZ
    def looks_up(text):
        found = results.certificate_for_code(text)
        assert found == (certificate if text == CODE else None)
        assert services.nomination_for_token(text) is None

    looks_up()
