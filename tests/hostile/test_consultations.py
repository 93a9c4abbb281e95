"""The open consultation's forms, fed hostile text while the consultation accepts (10 February 2026): a
contribution of each kind, a workshop request with its speakers (and a tampered speaker formset), a
facilitator nomination, each saved or saved and sent; the nominee's answer to the consent link. Never a
5xx; a refused form (400) leaves the database as it was; an item sent with hostile text is with the
secretariat as typed. The services ``save`` and ``submit`` take any text the forms let through, and the
secretariat's ``return_for_changes`` and ``decline`` any comment its text box lets through."""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from consultations import services
from consultations.models import Contribution, FacilitatorNomination, Topic, WorkshopRequest
from tests.consultations.factories import (
    OPEN,
    ConsultationFactory,
    ContributionFactory,
    NominationFactory,
)
from tests.factories import OrganisationFactory, SecretariatFactory, UserFactory
from tests.hostile.checks import ACCEPTED, FUZZ, REFUSED, Watch, flash
from tests.hostile.strategies import form_text, hostile_email, hostile_text, without_nul
from wsis_portal.editions.models import ActionLine, SustainableDevelopmentGoal

pytestmark = pytest.mark.django_db

ARABIC_TITLE = "أولويات المنتدى \u200fWSIS+20\u200e"
MIXED_TEXT = "\u202bنص\u202c mixed ‏direction‎ text\r\nمع سطر ثانٍ\u200b <script>{{ x }}</script>"


@pytest.fixture
def owner(client, time_machine):
    time_machine.move_to(OPEN, tick=False)
    ConsultationFactory()
    user = UserFactory(full_name="Amina Diallo", organisation=OrganisationFactory(name="Nile Digital Forum"))
    client.force_login(user)
    return user


def pk(model, **lookup):
    return model.objects.get(**lookup).pk


def sent_as_typed(model, field, typed):
    """After an accepted "save and submit": the newest item is with the secretariat, its text as typed."""
    item = model.objects.order_by("-pk").first()
    assert (item.state, getattr(item, field)) == ("submitted", typed.strip())


# Contributions

KINDS = ["priorities", "format"]


def test_contribution_of_either_kind_saved_or_sent(client, owner):
    watch = Watch()

    @given(title=hostile_text, text=hostile_text, kind=st.sampled_from(KINDS), send=st.booleans())
    @example(title=ARABIC_TITLE, text=MIXED_TEXT, kind="priorities", send=False)
    @example(title=ARABIC_TITLE, text=MIXED_TEXT, kind="format", send=True)
    @example(title="\x00", text=MIXED_TEXT, kind="priorities", send=True)
    @FUZZ
    def posts(title, text, kind, send):
        data = {
            "kind": kind,
            "title": title,
            "text": text,
            "language": "ar",
            "organisation": owner.organisation_id,
            "topics": [pk(Topic, code="ai")],
            "action_lines": [pk(ActionLine, code="C2")],
            "submit" if send else "save": "",
        }
        watch.post(
            client,
            "/ar/consultations/contributions/new/",
            data,
            then=lambda response: send and sent_as_typed(Contribution, "title", title),
        )

    posts()
    watch.expect(ACCEPTED, REFUSED)


# Workshop requests


def speaker_rows(names, organisations, total=None):
    rows = {
        "speakers-TOTAL_FORMS": str(len(names)) if total is None else total,
        "speakers-INITIAL_FORMS": "0",
        "speakers-MIN_NUM_FORMS": "0",
        "speakers-MAX_NUM_FORMS": "1000",
    }
    for index, (name, organisation) in enumerate(zip(names, organisations, strict=True)):
        rows.update(
            {
                f"speakers-{index}-name": name,
                f"speakers-{index}-organisation": organisation,
                f"speakers-{index}-gender": "woman",
                f"speakers-{index}-stakeholder_type": "academia",
                f"speakers-{index}-country": "EG",
            }
        )
    return rows


def workshop_data(owner, text, speakers, *, total=None, send=False):
    return {
        "language": "ar",
        "format": "hybrid",
        "organisation": owner.organisation_id,
        "action_lines": [pk(ActionLine, code="C3")],
        "sdgs": [pk(SustainableDevelopmentGoal, number=9)],
        "session_languages": ["ar", "en"],
        "preferred_day": "2026-07-08",
        **text,
        **speaker_rows(*speakers, total=total),
        "submit" if send else "save": "",
    }


WORKSHOP_TEXT = {
    "title": hostile_text,
    "description": hostile_text,
    "organisers": hostile_text,
    "hybrid_needs": st.one_of(st.just(""), hostile_text),
}
MIXED_WORKSHOP = {
    "title": ARABIC_TITLE,
    "description": MIXED_TEXT,
    "organisers": "منتدى النيل الرقمي\n\u2066Pacific Open Data Lab\u2069",
    "hybrid_needs": "",
}
# One to four rows (the consultation's limit): names and organisations of the speakers.
speakers = st.integers(min_value=1, max_value=4).flatmap(
    lambda count: st.tuples(
        st.lists(hostile_text, min_size=count, max_size=count),
        st.lists(hostile_text, min_size=count, max_size=count),
    )
)
ARABIC_SPEAKERS = (["ليلى حداد", "Ana \u200fTuilagi\u200e"], ["جامعة القاهرة", "Pacific Open Data Lab"])


def test_workshop_request_with_its_speakers_saved_or_sent(client, owner):
    watch = Watch()

    @given(text=st.fixed_dictionaries(WORKSHOP_TEXT), rows=speakers, send=st.booleans())
    @example(text=MIXED_WORKSHOP, rows=ARABIC_SPEAKERS, send=False)
    @example(text=MIXED_WORKSHOP, rows=ARABIC_SPEAKERS, send=True)
    @example(text=MIXED_WORKSHOP, rows=(["ليلى\x00حداد"], ["جامعة القاهرة"]), send=True)
    @FUZZ
    def posts(text, rows, send):
        watch.post(
            client,
            "/ar/consultations/workshops/new/",
            workshop_data(owner, text, rows, send=send),
            then=lambda response: send and sent_as_typed(WorkshopRequest, "title", text["title"]),
        )

    posts()
    watch.expect(ACCEPTED, REFUSED)


def test_workshop_request_with_a_tampered_speaker_formset(client, owner):
    """The number of rows is the page's to say, and anyone can change it: never more speakers than the
    limit, never more than twice the limit of rows built (a claim of a billion rows costs nothing)."""
    watch = Watch()

    @given(total=st.one_of(hostile_text, st.integers(-5, 10**9).map(str)), rows=speakers)
    @example(total="5", rows=(["A", "B", "C", "D", "E"], ["O"] * 5))
    @example(total="1000000000", rows=ARABIC_SPEAKERS)
    @example(total="1", rows=(ARABIC_SPEAKERS[0][:1], ARABIC_SPEAKERS[1][:1]))
    @FUZZ
    def posts(total, rows):
        response = watch.post(
            client,
            "/en/consultations/workshops/new/",
            workshop_data(owner, MIXED_WORKSHOP, rows, total=total),
            then=lambda response: at_most_four_speakers(),
        )
        if response.status_code == 400:
            assert len(response.context["speakers"].forms) <= 8

    def at_most_four_speakers():
        assert WorkshopRequest.objects.order_by("-pk").first().speakers.count() <= 4

    posts()
    watch.expect(ACCEPTED, REFUSED)


# Facilitator nominations


def test_facilitator_nomination_saved_or_sent(client, owner):
    watch = Watch()
    nominee = {"name": hostile_text, "email": hostile_email, "organisation": hostile_text}
    leila = {"name": "ليلى \u200fحداد", "email": "leila@example.org", "organisation": "جامعة"}

    @given(nominee=st.fixed_dictionaries(nominee), biography=hostile_text, send=st.booleans())
    @example(nominee=leila, biography=MIXED_TEXT, send=False)
    @example(nominee=leila, biography=MIXED_TEXT, send=True)
    @example(nominee={**leila, "email": "leila@example.org\x00"}, biography=MIXED_TEXT, send=True)
    @FUZZ
    def posts(nominee, biography, send):
        data = {
            "nominee_group": "academia",
            "nominee_name": nominee["name"],
            "nominee_email": nominee["email"],
            "nominee_organisation": nominee["organisation"],
            "biography": biography,
            "language": "ar",
            "organisation": owner.organisation_id,
            "submit" if send else "save": "",
        }
        watch.post(
            client,
            "/ar/consultations/nominations/new/",
            data,
            then=lambda response: send and sent_as_typed(FacilitatorNomination, "biography", biography),
        )

    posts()
    watch.expect(ACCEPTED, REFUSED)


def test_nominee_answers_the_consent_link_with_anything(client, owner):
    nomination = NominationFactory(owner=owner, organisation=owner.organisation, nominee_name="ليلى حداد")
    services.submit(nomination, owner)
    url = f"/ar/consultations/consent/{services.consent_token(nomination)}/"
    client.logout()
    watch = Watch()

    @given(answer=st.one_of(st.sampled_from(["agree", "decline"]), hostile_text))
    @example(answer="agree")
    @example(answer="agree\x00")
    @FUZZ
    def posts(answer):
        response = watch.post(client, url, {"answer": answer}, codes=(302,), refused=unanswered)
        assert response["Location"] == url

    def unanswered(response):
        return bool(flash(response))

    posts()
    watch.expect(ACCEPTED, REFUSED)


# The services


def test_save_and_submit_take_any_text_the_forms_let_through(owner):
    watch = Watch()
    passes = form_text.filter(bool)
    consultation = services.current_consultation()

    @given(title=passes.map(lambda text: text[:300]), text=passes, topic=st.sampled_from(["ai", "gender"]))
    @example(title=ARABIC_TITLE, text=MIXED_TEXT, topic="ai")
    @FUZZ
    def saves(title, text, topic):
        def sent(item):
            services.submit(item, owner)
            item.refresh_from_db()
            assert (item.state, item.title, item.text) == ("submitted", title, text)

        fields = {
            "kind": "priorities",
            "title": title,
            "text": text,
            "language": "ar",
            "organisation": owner.organisation,
        }
        relations = {"topics": Topic.objects.filter(code=topic)}
        item = Contribution(consultation=consultation)
        watch.call(services.save, item, fields, owner, relations=relations, then=sent)

    saves()
    watch.expect(ACCEPTED)


@pytest.mark.parametrize("decision", ["return_for_changes", "decline"])
def test_the_secretariats_comment_may_be_any_text(owner, decision):
    """The owner reads the comment in a mail and on the page: any text the admin's text box lets through
    is kept, or refused when it says nothing (only spaces)."""
    clerk = SecretariatFactory()
    contribution = ContributionFactory(owner=owner, organisation=owner.organisation)
    services.submit(contribution, owner)
    watch = Watch()

    @given(comment=without_nul)
    @example(comment=MIXED_TEXT)
    @example(comment=" \r\n\t")
    @FUZZ
    def decides(comment):
        def kept(item):
            assert Contribution.objects.get(pk=item.pk).review_comment == comment.strip()

        item = Contribution.objects.get(pk=contribution.pk)
        watch.call(getattr(services, decision), item, clerk, comment, then=kept)

    decides()
    watch.expect(ACCEPTED, REFUSED)
