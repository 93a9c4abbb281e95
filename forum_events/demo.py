"""Demo agenda of the Forum week for the 2026 edition (published, with one recorded change) and the 2027
edition (in preparation): the opening segment, high-level policy sessions, Action Line meetings, a
knowledge café, TalkX, the prize ceremony and the exhibition, at Geneva times, in rooms, with remote links
and a few speakers. The high-level track of both editions: the deadline to confirm (2026 as in the
circular letters' pattern, 15 April; 2027 invented, 14 April), five speaking slots of three minutes in each
high-level policy session, the demo Member States with a minister invited, and in 2026 their answers and
requests (confirmed and waiting). Speakers and organisations are invented for the demo; safe to run again:
no invitation or request is ever created twice."""

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction

from wsis_portal.demo.data import MINISTERS
from wsis_portal.editions.models import ActionLine, Edition, Format, Phase, Process
from wsis_portal.editions.schedule import geneva_time
from wsis_portal.stakeholders.models import MemberState

from .high_level import CONFIRMATIONS_PHASE
from .models import (
    Agenda,
    Invitation,
    ProtocolRank,
    Session,
    SessionChange,
    SessionSpeaker,
    SessionType,
    SlotRequest,
)

ROOMS = {
    "popov": "CICG, Room 1",
    "room2": "CICG, Room 2",
    "room3": "CICG, Room 3",
    "lounge": "CICG, Knowledge café lounge",
    "foyer": "CICG, Ground floor foyer",
}

# (kind, English title, Arabic title, day of the week (0 = Monday), (hour, minute), minutes, format, room,
#  action lines, speakers [(role, name, title, organisation, language)])
WEEK = [
    (SessionType.OPENING, "Opening segment", "الجزء الافتتاحي", 0, (9, 30), 90, Format.HYBRID, "popov", [],
     [("moderator", "Amina Haddad", "Master of ceremonies", "WSIS secretariat", "ar"),
      ("speaker", "Daniel Okafor", "Chair of the Forum", "Ministry of Communications", "en")]),
    (SessionType.HIGH_LEVEL_POLICY, "High-level policy session 1: Bridging digital divides",
     "الجلسة الرفيعة المستوى بشأن السياسات 1: سد الفجوات الرقمية", 0, (11, 15), 105, Format.HYBRID, "popov",
     ["C2"],
     [("moderator", "Sofia Marquez", "Facilitator", "Community Networks Alliance", "en"),
      ("speaker", "Karim Mansour", "Minister of Digital Economy", "Ministry of Digital Economy", "ar")]),
    (SessionType.HIGH_LEVEL_POLICY, "High-level policy session 2: Trust and security",
     "الجلسة الرفيعة المستوى بشأن السياسات 2: بناء الثقة والأمن", 1, (9, 0), 90, Format.HYBRID, "popov",
     ["C5"], []),
    (SessionType.ACTION_LINE_MEETING, "Action Line C3: Access to information and knowledge",
     "خط العمل C3: النفاذ إلى المعلومات والمعارف", 1, (11, 0), 90, Format.HYBRID, "room2", ["C3"],
     [("moderator", "Hana Yousef", "Programme officer", "Digital Libraries Network", "ar")]),
    (SessionType.ACTION_LINE_MEETING, "Action Line C4: Capacity building", "خط العمل C4: بناء القدرات",
     1, (14, 0), 90, Format.VIRTUAL, "", ["C4"], []),
    (SessionType.KNOWLEDGE_CAFE, "Knowledge café: AI for local languages",
     "مقهى المعارف: الذكاء الاصطناعي للغات المحلية", 2, (10, 0), 60, Format.IN_PERSON, "lounge", ["C8"],
     [("moderator", "Omar Saleh", "Researcher", "Institute for Information Society Studies", "ar"),
      ("speaker", "Ingrid Holm", "Data scientist", "Open Language Lab", "en")]),
    (SessionType.TALKX, "WSIS TalkX: Youth and the digital future", "حوارات WSIS TalkX: الشباب والمستقبل الرقمي",
     2, (13, 0), 45, Format.HYBRID, "foyer", [], []),
    (SessionType.PRIZE_CEREMONY, "WSIS Prizes ceremony", "حفل تسليم جوائز القمة", 3, (17, 0), 90,
     Format.HYBRID, "popov", [], [("moderator", "Amina Haddad", "Master of ceremonies", "WSIS secretariat", "ar")]),
    (SessionType.EXHIBITION, "WSIS exhibition", "معرض القمة", 0, (9, 0), 60 * 9, Format.IN_PERSON, "foyer",
     [], []),
]  # fmt: skip

# The change shown in the 2026 demo's public list: the knowledge café moved to a larger room.
MOVED = ("Knowledge café: AI for local languages", "lounge", "room3")


# The deadline to confirm participation in the high-level track: (opens, closes) in Geneva time.
CONFIRMATIONS = {
    2026: ((2026, 2, 2, 9, 0), (2026, 4, 15, 23, 59)),
    2027: ((2026, 11, 2, 9, 0), (2027, 4, 14, 23, 59)),  # invented for the demo
}
SPEAKING_SLOTS, MINUTES_PER_SPEAKER = 5, 3
ARABIC_SPEAKING = {"EG", "JO", "MA", "TN"}
# 2026: each Member State's answer, then its requests: (session number, choice, rank, delegate, attendance,
# day and time of the request in March 2026). Session 1 has six requests for five slots: one waits.
ANSWERS_2026 = {
    "EG": ("accepted", [(1, 1, ProtocolRank.MINISTER, False, "in_person", (2, 10, 0)),
                        (2, 2, ProtocolRank.MINISTER, False, "in_person", (2, 10, 5))]),
    "JO": ("accepted", [(1, 1, ProtocolRank.MINISTER, False, "in_person", (3, 9, 0))]),
    "MA": ("accepted", [(1, 1, ProtocolRank.DEPUTY_MINISTER, True, "remote", (3, 11, 30))]),
    "TN": ("accepted", [(1, 1, ProtocolRank.AMBASSADOR, True, "in_person", (4, 15, 0)),
                        (2, 2, ProtocolRank.AMBASSADOR, True, "in_person", (4, 15, 2))]),
    "KE": ("accepted", [(1, 1, ProtocolRank.MINISTER, False, "in_person", (5, 8, 45))]),
    "SN": ("accepted", [(1, 1, ProtocolRank.MINISTER, False, "in_person", (9, 14, 0))]),
    "BR": ("declined", []),
    "CH": ("pending", []),
}  # fmt: skip
# Who speaks when the minister cannot (invented): name and title.
DELEGATES = {
    "MA": ("Youssef Alaoui", "Deputy Minister of Digital Transition"),
    "TN": ("Nadia Ben Salah", "Ambassador, Permanent Representative to the United Nations Office at Geneva"),
}


def load(accounts):
    """Load the demo agenda of both editions; the 2026 agenda is published. Safe to run again."""
    for edition in Edition.objects.filter(year__in=(2026, 2027)).order_by("year"):
        _week(edition)
        if edition.year == 2026:
            _publish_2026(edition)
        _high_level(edition, accounts.get("secretariat@example.org"))


@transaction.atomic
def _week(edition):
    for kind, en, ar, weekday, (hour, minute), minutes, fmt, room, lines, speakers in WEEK:
        day = edition.starts_on + timedelta(days=weekday)
        starts = geneva_time(day.year, day.month, day.day, hour, minute)
        slug = en.lower().split(":")[0].replace(" ", "-")
        session, _created = Session.objects.update_or_create(
            edition=edition,
            title_en=en,
            defaults={
                "title": en,
                "title_ar": ar,
                "kind": kind,
                "format": fmt,
                "starts_at": starts,
                "ends_at": starts + timedelta(minutes=minutes),
                "room": ROOMS.get(room, ""),
                "remote_link": ""
                if fmt == Format.IN_PERSON
                else f"https://meet.example.org/wsis-{edition.year}-{slug}",
                "organisers": "WSIS secretariat",
                "languages": ["en", "ar", "fr"] if kind == SessionType.OPENING else ["en", "ar"],
                "speaking_capacity": SPEAKING_SLOTS if kind == SessionType.HIGH_LEVEL_POLICY else 0,
                "minutes_per_speaker": MINUTES_PER_SPEAKER,
            },
        )
        session.action_lines.set(ActionLine.objects.filter(code__in=lines))
        for position, (role, name, title, organisation, language) in enumerate(speakers):
            SessionSpeaker.objects.update_or_create(
                session=session,
                name=name,
                defaults={
                    "role": role,
                    "position": position,
                    "title": title,
                    "organisation": organisation,
                    "email": f"{name.lower().replace(' ', '.')}@example.org",
                    "language": language,
                },
            )


@transaction.atomic
def _publish_2026(edition):
    Agenda.objects.get_or_create(edition=edition, defaults={"published_at": geneva_time(2026, 6, 1, 9, 0)})
    title, before, after = MOVED
    session = Session.objects.get(edition=edition, title_en=title)
    session.room = ROOMS[after]
    session.save(update_fields=["room"])
    SessionChange.objects.get_or_create(
        session=session, kind=SessionChange.Kind.ROOM, before=ROOMS[before], after=ROOMS[after]
    )


@transaction.atomic
def _high_level(edition, secretariat):
    opens, closes = CONFIRMATIONS[edition.year]
    Phase.objects.update_or_create(
        edition=edition,
        process=Process.FORUM,
        key=CONFIRMATIONS_PHASE,
        defaults={
            "name": "Confirmation of participation in the high-level track",
            "name_en": "Confirmation of participation in the high-level track",
            "name_ar": "تأكيد المشاركة في المسار الرفيع المستوى",
            "opens_at": geneva_time(*opens),
            "closes_at": geneva_time(*closes),
        },
    )
    sessions = list(
        Session.objects.filter(edition=edition, kind=SessionType.HIGH_LEVEL_POLICY).order_by("starts_at")
    )
    states = MemberState.objects.filter(country__in=MINISTERS)
    for state in states:
        code = state.country.code
        # The secret token is not kept (only its digest): the secretariat sends a new link from the admin.
        invitation, created = Invitation.objects.get_or_create(
            edition=edition,
            member_state=state,
            defaults={
                "token_digest": hashlib.sha256(secrets.token_urlsafe(32).encode()).hexdigest(),
                "issued_at": geneva_time(*opens),
                "issued_by": secretariat,
                "language": "ar" if code in ARABIC_SPEAKING else "en",
            },
        )
        if edition.year != 2026 or not created:
            continue
        answer, requests = ANSWERS_2026[code]
        if answer != Invitation.Answer.PENDING:
            invitation.answer = answer
            invitation.answered_at = geneva_time(2026, 3, 2, 9, 0)
            invitation.save(update_fields=["answer", "answered_at"])
        for number, preference, rank, is_delegate, attendance, (day, hour, minute) in requests:
            name, title = DELEGATES.get(code, (state.minister_name_en, state.minister_title_en))
            SlotRequest.objects.get_or_create(
                invitation=invitation,
                session=sessions[number - 1],
                defaults={
                    "member_state": state,
                    "preference": preference,
                    "speaker_name": name,
                    "speaker_title": title,
                    "rank": rank,
                    "is_delegate": is_delegate,
                    "attendance": attendance,
                    "biography": "",
                    "requested_at": geneva_time(2026, 3, day, hour, minute),
                },
            )
    if edition.year == 2026:
        for session in sessions:
            _allocate(session)


def _allocate(session):
    """The demo's statuses by the rule (rank, then time of request), set without telling anyone: the demo
    sends no mail. Live allocations go through ``high_level.reallocate``."""
    active = SlotRequest.objects.filter(session=session).exclude(status=SlotRequest.Status.WITHDRAWN)
    for position, request in enumerate(active.order_by("rank", "requested_at", "pk")):
        status = (
            SlotRequest.Status.CONFIRMED
            if position < session.speaking_capacity
            else SlotRequest.Status.WAITING
        )
        if request.status != status:
            SlotRequest.objects.filter(pk=request.pk).update(status=status)
