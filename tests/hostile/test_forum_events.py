"""The high-level track's forms, fed hostile text while confirmations are open: a Member State's protocol
office answers its invitation, requests a speaking slot, changes or withdraws it (the speaker's name and
title, biography, rank and attendance: personal data), through its secret link or signed in with its
account. Never a 5xx; a refused form (400) leaves the database as it was; what is requested is kept as
typed. The services ``request_slot`` and ``update_request`` take any text the forms let through, and a link
of any text opens nothing."""

from datetime import UTC, datetime, timedelta
from urllib.parse import quote

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from forum_events import high_level
from forum_events.models import ProtocolRank, Session, SessionType, SlotRequest
from tests.factories import EditionFactory, PhaseFactory, SecretariatFactory, UserFactory
from tests.hostile.checks import ACCEPTED, FUZZ, REFUSED, Watch
from tests.hostile.strategies import form_text, hostile_text
from wsis_portal.editions.models import Process
from wsis_portal.editions.schedule import GENEVA
from wsis_portal.stakeholders.models import MemberState

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 2, 10, 12, 0, tzinfo=UTC)
CODES = (302, 400, 404)
MIXED = "\u202bوزير\u202c mixed ‏direction‎ text\r\nمع سطر ثانٍ\u200b <script>{{ x }}</script>"
SPEAKER_TEXT = {
    "speaker_name": hostile_text,
    "speaker_title": hostile_text,
    "biography": st.one_of(st.just(""), hostile_text),
    "rank": st.one_of(st.sampled_from([str(rank) for rank in ProtocolRank.values]), hostile_text),
    "attendance": st.one_of(st.sampled_from(["in_person", "remote"]), hostile_text),
}
ARABIC_SPEAKER = {
    "speaker_name": "عمرو \u200fطلعت\u200e",
    "speaker_title": "وزير الاتصالات \u2066and IT\u2069",
    "biography": MIXED,
    "rank": str(ProtocolRank.MINISTER),
    "attendance": "in_person",
}
WITH_NUL = {**ARABIC_SPEAKER, "speaker_name": "عمرو\x00طلعت"}


@pytest.fixture
def invitation(time_machine):
    """Egypt invited to the 2026 high-level track and accepting, with two policy sessions; confirmations
    open. Returns ``(invitation, token, sessions)``."""
    time_machine.move_to(NOW, tick=False)
    edition = EditionFactory(year=2026)
    PhaseFactory(
        edition=edition,
        process=Process.FORUM,
        key=high_level.CONFIRMATIONS_PHASE,
        opens_at=NOW - timedelta(days=30),
        closes_at=NOW + timedelta(days=60),
    )
    sessions = [
        Session.objects.create(
            edition=edition,
            kind=SessionType.HIGH_LEVEL_POLICY,
            title_en=title,
            title_ar=title,
            starts_at=datetime(2026, 7, day, 9, tzinfo=GENEVA),
            ends_at=datetime(2026, 7, day, 10, 30, tzinfo=GENEVA),
            speaking_capacity=2,
        )
        for day, title in ((7, "Bridging the digital divide"), (8, "سد الفجوة الرقمية"))
    ]
    egypt = MemberState.objects.get(country="EG")
    egypt.protocol_office_email = "protocol@mcit.gov.eg"
    egypt.save()
    invitation, token = high_level.issue_invitation(edition, egypt, SecretariatFactory())
    high_level.answer(invitation, True)
    return invitation, token, sessions


@pytest.fixture(params=["link", "account"])
def page(request, client, invitation):
    """The invitation's page, reached through the secret link or signed in as Egypt's protocol office."""
    if request.param == "link":
        return f"/ar/forum/invitation/{invitation[1]}/"
    client.force_login(UserFactory(full_name="مكتب المراسم", member_state=invitation[0].member_state))
    return "/ar/forum/high-level/"


def slot_request(invitation, session, **changes):
    data = {
        "speaker_name": "Amr Talaat",
        "speaker_title": "Minister",
        "rank": ProtocolRank.MINISTER,
        "attendance": "in_person",
        **changes,
    }
    return high_level.request_slot(invitation, session, data)


def kept_as_typed(text):
    def check(response):
        request = SlotRequest.objects.order_by("-updated_at", "-pk").first()
        assert (request.speaker_name, request.biography) == (
            text["speaker_name"].strip(),
            text["biography"].strip(),
        )

    return check


def test_answer_with_any_action(client, invitation, page):
    watch = Watch()

    @given(action=st.one_of(st.sampled_from(["accept", "decline"]), hostile_text))
    @example(action="decline")
    @example(action="accept\x00")
    @FUZZ
    def posts(action):
        watch.post(client, page, {"action": action})

    posts()
    watch.expect(ACCEPTED, REFUSED)


def test_request_a_slot(client, invitation, page):
    sessions = invitation[2]
    watch = Watch()

    @given(
        text=st.fixed_dictionaries(SPEAKER_TEXT),
        session=st.one_of(st.sampled_from([str(s.pk) for s in sessions]), hostile_text),
        preference=st.one_of(st.sampled_from(["1", "2"]), hostile_text),
    )
    @example(text=ARABIC_SPEAKER, session=str(sessions[1].pk), preference="1")
    @example(text=WITH_NUL, session=str(sessions[1].pk), preference="2")
    @FUZZ
    def posts(text, session, preference):
        data = {f"new-{name}": value for name, value in text.items()}
        data.update({"action": "request", "new-session": session, "new-preference": preference})
        watch.post(client, page, data, then=kept_as_typed(text))

    posts()
    watch.expect(ACCEPTED, REFUSED)


def test_change_or_withdraw_a_request(client, invitation, page):
    existing = slot_request(invitation[0], invitation[2][0])
    watch = Watch()

    @given(
        text=st.fixed_dictionaries(SPEAKER_TEXT),
        action=st.sampled_from(["update", "withdraw"]),
        chosen=st.one_of(st.just(str(existing.pk)), hostile_text),
    )
    @example(text=ARABIC_SPEAKER, action="update", chosen=str(existing.pk))
    @example(text=WITH_NUL, action="update", chosen=str(existing.pk))
    @example(text=ARABIC_SPEAKER, action="withdraw", chosen=f"{existing.pk}\x00")
    @example(text=ARABIC_SPEAKER, action="withdraw", chosen="²")
    @FUZZ
    def posts(text, action, chosen):
        data = {f"request-{existing.pk}-{name}": value for name, value in text.items()}
        data.update({"action": action, "request": chosen})
        then = kept_as_typed(text) if action == "update" else None
        watch.post(client, page, data, codes=CODES, refused=lambda r: r.status_code in (400, 404), then=then)

    posts()
    watch.expect(ACCEPTED, REFUSED)


def test_services_take_any_text_the_forms_let_through(invitation):
    invited, _token, sessions = invitation
    existing = slot_request(invited, sessions[0])
    watch = Watch()
    passes = form_text.filter(bool)

    @given(name=passes.map(lambda text: text[:200]), title=passes.map(lambda text: text[:250]), bio=passes)
    @example(name=ARABIC_SPEAKER["speaker_name"], title=ARABIC_SPEAKER["speaker_title"], bio=MIXED)
    @FUZZ
    def calls(name, title, bio):
        def kept(request):
            assert (request.speaker_name, request.speaker_title, request.biography) == (name, title, bio)

        data = {
            "speaker_name": name,
            "speaker_title": title,
            "biography": bio,
            "rank": ProtocolRank.DEPUTY_MINISTER,
            "attendance": "remote",
        }
        watch.call(high_level.request_slot, invited, sessions[1], data, preference=2, then=kept)
        watch.call(high_level.update_request, SlotRequest.objects.get(pk=existing.pk), data, then=kept)

    calls()
    watch.expect(ACCEPTED)


def test_a_link_of_any_text_opens_nothing(client, invitation):
    @given(token=hostile_text)
    @example(token=invitation[1] + "\x00")
    @FUZZ
    def opens(token):
        assert high_level.invitation_for_token(token) is None
        path = quote(token, safe="")
        if path:
            assert client.get(f"/en/forum/invitation/{path}/").status_code == 404
            assert client.post(f"/ar/forum/invitation/{path}/", {"action": "accept"}).status_code == 404

    opens()
