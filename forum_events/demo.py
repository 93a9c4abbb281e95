"""Demo agenda of the Forum week for the 2026 edition (published, with one recorded change) and the 2027
edition (in preparation): the opening segment, high-level policy sessions, Action Line meetings, a
knowledge café, TalkX, the prize ceremony and the exhibition, at Geneva times, in rooms, with remote links
and a few speakers. Speakers and organisations are invented for the demo; safe to run again."""

from datetime import timedelta

from django.db import transaction

from wsis_portal.editions.models import ActionLine, Edition, Format
from wsis_portal.editions.schedule import geneva_time

from .models import Agenda, Session, SessionChange, SessionSpeaker, SessionType

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


def load(accounts):
    """Load the demo agenda of both editions; the 2026 agenda is published. Safe to run again."""
    for edition in Edition.objects.filter(year__in=(2026, 2027)).order_by("year"):
        _week(edition)
        if edition.year == 2026:
            _publish_2026(edition)


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
