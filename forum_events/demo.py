"""Demo agenda of the Forum week for the 2026 edition (published, with one recorded change) and the 2027
edition (in preparation): the opening segment, high-level policy sessions, Action Line meetings, a
knowledge café, TalkX, the prize ceremony and the exhibition, at Geneva times, in rooms, with remote links
and a few speakers. The high-level track of both editions: the deadline to confirm (2026 as in the
circular letters' pattern, 15 April; 2027 invented, 14 April), five speaking slots of three minutes in each
high-level policy session, the demo Member States with a minister invited, and in 2026 their answers and
requests (confirmed and waiting); the circular letter inviting the ministers to the 2026 track, issued with
its PDFs. Speakers and organisations are invented for the demo; safe to run again: no invitation, request or
letter is ever created twice."""

import hashlib
import secrets
from datetime import date, timedelta

from django.db import transaction

from wsis_portal.demo.data import MINISTERS
from wsis_portal.editions.models import ActionLine, Edition, Format, Phase, Process
from wsis_portal.editions.schedule import geneva_time
from wsis_portal.letters import services as letters
from wsis_portal.letters.models import AddresseeGroup, CircularLetter
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

# Rooms of the Geneva International Conference Centre (CICG), in English and Arabic.
ROOMS = {
    "popov": ("CICG, Room 1", "CICG، القاعة 1"),
    "room2": ("CICG, Room 2", "CICG، القاعة 2"),
    "room3": ("CICG, Room 3", "CICG، القاعة 3"),
    "lounge": ("CICG, Knowledge café lounge", "CICG، ركن مقهى المعارف"),
    "foyer": ("CICG, Ground floor foyer", "CICG، بهو الطابق الأرضي"),
}

# (kind, English title, Arabic title, day of the week (0 = Monday), (hour, minute), minutes, format, room,
#  action lines, speakers [(role, name, title, organisation, language)])
WEEK = [
    (SessionType.OPENING, "Opening segment", "الجزء الافتتاحي", 0, (9, 30), 90, Format.HYBRID, "popov", [],
     [("moderator", "Amina Haddad", "عريفة الحفل", "أمانة القمة العالمية لمجتمع المعلومات", "ar"),
      ("speaker", "Daniel Okafor", "Chair of the Forum", "Ministry of Communications", "en")]),
    (SessionType.HIGH_LEVEL_POLICY, "High-level policy session 1: Bridging digital divides",
     "الجلسة الرفيعة المستوى بشأن السياسات 1: سد الفجوات الرقمية", 0, (11, 15), 105, Format.HYBRID, "popov",
     ["C2"],
     [("moderator", "Sofia Marquez", "Facilitator", "Community Networks Alliance", "en"),
      ("speaker", "Karim Mansour", "وزير الاقتصاد الرقمي", "وزارة الاقتصاد الرقمي", "ar")]),
    (SessionType.HIGH_LEVEL_POLICY, "High-level policy session 2: Trust and security",
     "الجلسة الرفيعة المستوى بشأن السياسات 2: بناء الثقة والأمن", 1, (9, 0), 90, Format.HYBRID, "popov",
     ["C5"], []),
    (SessionType.ACTION_LINE_MEETING, "Action Line C3: Access to information and knowledge",
     "خط العمل C3: النفاذ إلى المعلومات والمعارف", 1, (11, 0), 90, Format.HYBRID, "room2", ["C3"],
     [("moderator", "Hana Yousef", "مسؤولة برامج", "شبكة المكتبات الرقمية", "ar")]),
    (SessionType.ACTION_LINE_MEETING, "Action Line C4: Capacity building", "خط العمل C4: بناء القدرات",
     1, (14, 0), 90, Format.VIRTUAL, "", ["C4"], []),
    (SessionType.KNOWLEDGE_CAFE, "Knowledge café: AI for local languages",
     "مقهى المعارف: الذكاء الاصطناعي للغات المحلية", 2, (10, 0), 60, Format.IN_PERSON, "lounge", ["C8"],
     [("moderator", "Omar Saleh", "باحث", "معهد دراسات مجتمع المعلومات", "ar"),
      ("speaker", "Ingrid Holm", "Data scientist", "Open Language Lab", "en")]),
    (SessionType.TALKX, "WSIS TalkX: Youth and the digital future", "حوارات WSIS TalkX: الشباب والمستقبل الرقمي",
     2, (13, 0), 45, Format.HYBRID, "foyer", [], []),
    (SessionType.PRIZE_CEREMONY, "WSIS Prizes ceremony", "حفل تسليم جوائز القمة", 3, (17, 0), 90,
     Format.HYBRID, "popov", [], [("moderator", "Amina Haddad", "عريفة الحفل", "أمانة القمة العالمية لمجتمع المعلومات", "ar")]),
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
    """Load the demo agenda of both editions; the 2026 agenda is published, its letter to ministers issued.
    Safe to run again."""
    for edition in Edition.objects.filter(year__in=(2026, 2027)).order_by("year"):
        _week(edition)
        if edition.year == 2026:
            _publish_2026(edition)
        _high_level(edition, accounts.get("secretariat@example.org"))
        if edition.year == 2026:
            _letter_to_ministers(edition, accounts["secretariat@example.org"])


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
                "room_en": ROOMS[room][0] if room else "",
                "room_ar": ROOMS[room][1] if room else "",
                "remote_link": ""
                if fmt == Format.IN_PERSON
                else f"https://meet.example.org/wsis-{edition.year}-{slug}",
                "organisers": "ITU",
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
    session.room_en, session.room_ar = ROOMS[after]
    session.save(update_fields=["room", "room_en", "room_ar"])
    SessionChange.objects.get_or_create(
        session=session,
        kind=SessionChange.Kind.ROOM,
        before_en=ROOMS[before][0],
        after_en=ROOMS[after][0],
        defaults={"before_ar": ROOMS[before][1], "after_ar": ROOMS[after][1]},
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


# The circular letter inviting the ministers to the 2026 high-level track: text written for the demo.
LETTER_SUBJECT = (
    "WSIS Forum 2026: invitation to the high-level track (Geneva, 6-10 July 2026)",
    "منتدى القمة العالمية لمجتمع المعلومات لعام 2026: دعوة إلى المسار الرفيع المستوى (جنيف، 6-10 يوليو 2026)",
)
LETTER_BODY = (
    """I have the honour to invite you to take part in the high-level track of the WSIS Forum 2026, to be held
at the Geneva International Conference Centre (CICG), Geneva, Switzerland, from 6 to 10 July 2026, with
remote participation.

The Forum is the yearly meeting of the stakeholders of the World Summit on the Information Society, whose
two phases were held in Geneva in 2003 and in Tunis in 2005. The 2026 Forum is the first after the
twenty-year review of the Summit by the United Nations General Assembly; it will look at how the Action Lines
C1 to C11 of the Geneva Plan of Action serve the 2030 Agenda for Sustainable Development and the Global
Digital Compact.

The high-level track brings ministers and heads of delegation together in high-level policy sessions, where
each Member State may deliver a policy statement of **three minutes**. Speaking slots are allocated by
protocol rank, then in the order in which the requests are received.

Your protocol office will receive a personal link to the portal, where it can:
- confirm your participation, in person in Geneva or remotely;
- request a speaking slot in up to two high-level policy sessions, naming the speaker;
- upload the policy statement and a short biography.

I would be grateful if your participation could be confirmed by **15 April 2026**, 23:59 Geneva time.

The programme of the Forum is published on the WSIS Forum portal, and the WSIS secretariat remains at your
disposal for any question.""",
    """يشرفني أن أدعوكم إلى المشاركة في المسار الرفيع المستوى لمنتدى القمة العالمية لمجتمع المعلومات لعام
2026، الذي سيُعقد في مركز جنيف الدولي للمؤتمرات (CICG)، جنيف، سويسرا، في الفترة من 6 إلى 10 يوليو 2026،
مع إتاحة المشاركة عن بُعد.

والمنتدى هو الملتقى السنوي لأصحاب المصلحة في القمة العالمية لمجتمع المعلومات، التي عُقدت مرحلتاها في جنيف
عام 2003 وفي تونس عام 2005. ومنتدى عام 2026 هو الأول بعد استعراض الجمعية العامة للأمم المتحدة لنتائج القمة
بعد عشرين عاماً، وسيتناول إسهام خطوط عمل القمة من C1 إلى C11 الواردة في خطة عمل جنيف في خطة التنمية
المستدامة لعام 2030 وفي الميثاق الرقمي العالمي.

ويجمع المسار الرفيع المستوى الوزراء ورؤساء الوفود في جلسات السياسة العامة رفيعة المستوى، حيث يجوز لكل دولة
عضو أن تُلقي بياناً بشأن السياسة العامة مدته **ثلاث دقائق**. وتُوزَّع المُدد الزمنية للتحدث حسب الرتبة
البروتوكولية، ثم حسب ترتيب ورود الطلبات.

وسيتلقى مكتب المراسم لديكم رابطاً شخصياً إلى البوابة يمكنه من خلاله:
- تأكيد مشاركتكم، حضورياً في جنيف أو عن بُعد؛
- طلب مدة زمنية للتحدث في جلستين على الأكثر من جلسات السياسة العامة رفيعة المستوى، مع تسمية المتحدث؛
- تحميل البيان بشأن السياسة العامة وسيرة ذاتية موجزة.

وسأكون ممتنة لو تفضلتم بتأكيد مشاركتكم في موعد أقصاه **15 أبريل 2026**، الساعة 23:59 بتوقيت جنيف.

ويُنشر برنامج المنتدى على بوابة منتدى القمة العالمية لمجتمع المعلومات، وتظل أمانة القمة رهن إشارتكم للإجابة
عن أي استفسار.""",
)


def _letter_to_ministers(edition, secretariat):
    """The 2026 letter to ministers, issued through the letters' service (numbered CL-26/NNN from the
    year's sequence, so that the secretariat's next letter never takes its number). Its PDFs are rendered
    here: the public page lists them even without a worker, and the tasks queued by ``issue`` find them
    done."""
    subject_en, subject_ar = LETTER_SUBJECT
    letter = CircularLetter.objects.filter(edition=edition, subject_en=subject_en).first()
    if letter is None:
        body_en, body_ar = LETTER_BODY
        letter = CircularLetter.objects.create(
            edition=edition,
            date=date(2026, 1, 29),
            addressees=[AddresseeGroup.MINISTERS, AddresseeGroup.GOVERNMENTS],
            contact_name_en="WSIS secretariat",
            contact_name_ar="أمانة القمة العالمية لمجتمع المعلومات",
            contact_phone="+41 22 730 00 00",
            contact_email="wsis-secretariat@example.org",
            subject=subject_en,
            subject_en=subject_en,
            subject_ar=subject_ar,
            body=body_en,
            body_en=body_en,
            body_ar=body_ar,
            signatory_name_en="Doreen Bogdan-Martin",
            signatory_name_ar="دورين بوغدان-مارتن",
            signatory_title="Secretary-General",
            signatory_title_en="Secretary-General",
            signatory_title_ar="الأمينة العامة",
        )
    if not letter.is_issued:
        letters.issue(letter, secretariat)
    for language in letters.languages():
        letters.render_pdf(letter.pk, language)
