"""Demo data of the open consultation: the 2026 consultation (closed, with contributions the secretariat has
received and a workshop that became a session) and the 2027 one (open, with a draft of the demo
stakeholder). Meetings, contributions and people are invented for the demo; safe to run again."""

from datetime import date, timedelta

from django.db import transaction

from wsis_portal.editions.models import ActionLine, Edition, Format, SustainableDevelopmentGoal
from wsis_portal.editions.schedule import geneva_time
from wsis_portal.lifecycle.models import SubmissionState
from wsis_portal.lifecycle.transitions import reference_for
from wsis_portal.stakeholders.models import Organisation

from .models import Consultation, Contribution, Meeting, Speaker, Topic, WorkshopRequest
from .services import origin, session_for

INTRODUCTION = (
    "Every Forum is built from what stakeholders propose. Send your priorities and themes, your ideas on "
    "the format, binding requests for workshops and nominations of high-level track facilitators before "
    "the deadline.",
    "يُبنى كل منتدى على ما يقترحه أصحاب المصلحة. أرسلوا أولوياتكم والمواضيع التي تقترحونها وأفكاركم بشأن نسق "
    "المنتدى والطلبات الملزمة بشأن عقد ورش عمل وترشيحات ميسّري المسار الرفيع المستوى قبل الموعد النهائي.",
)

# year: [(English title, Arabic title, starts (y, m, d, h, min), minutes, format, venue en, venue ar, link)]
MEETINGS = {
    2026: [
        ("Launch of the open consultation", "افتتاح عملية المشاورة المفتوحة", (2026, 1, 20, 15, 0), 60,
         Format.VIRTUAL, "", "", "https://meet.example.org/wsis-ocp-2026-launch"),
        ("Open consultation meeting", "اجتماع المشاورة المفتوحة", (2026, 2, 24, 10, 0), 120,
         Format.HYBRID, "ITU headquarters, Geneva", "مقر الاتحاد، جنيف", "https://meet.example.org/wsis-ocp-2026-2"),
        ("Final brief on the programme", "جلسة إحاطة ختامية بشأن البرنامج", (2026, 4, 28, 15, 0), 90,
         Format.VIRTUAL, "", "", "https://meet.example.org/wsis-ocp-2026-brief"),
    ],
    2027: [
        ("First open consultation meeting", "الاجتماع الأول للمشاورة المفتوحة", (2026, 12, 8, 14, 0), 90,
         Format.VIRTUAL, "", "", "https://meet.example.org/wsis-ocp-2027-1"),
        ("Second open consultation meeting", "الاجتماع الثاني للمشاورة المفتوحة", (2027, 2, 16, 10, 0), 120,
         Format.HYBRID, "ITU headquarters, Geneva", "مقر الاتحاد، جنيف", "https://meet.example.org/wsis-ocp-2027-2"),
        ("Final brief on the programme", "جلسة إحاطة ختامية بشأن البرنامج", (2027, 4, 20, 15, 0), 90,
         Format.VIRTUAL, "", "", "https://meet.example.org/wsis-ocp-2027-brief"),
    ],
}  # fmt: skip

# (organisation, kind, language, title, text, topics, action lines, state)
CONTRIBUTIONS_2026 = [
    ("Nile Digital Inclusion Forum", "priorities", "ar", "الذكاء الاصطناعي باللغة العربية",
     "نقترح جلسة عن أدوات الذكاء الاصطناعي التي تخدم المحتوى العربي المحلي وعن البيانات المفتوحة اللازمة لها.",
     ["ai", "languages"], ["C8", "C3"], SubmissionState.ACCEPTED),
    ("Community Networks Alliance", "priorities", "en", "Community networks and the last mile",
     "The Forum should hear from small operators that connect villages, and from regulators who license them.",
     ["digital-inclusion"], ["C2", "C6"], SubmissionState.ACCEPTED),
    ("Pacific Open Data Lab", "priorities", "en", "Climate data for small island states",
     "Open climate and ocean data, and the skills to use them, deserve a thematic track.",
     ["environment", "data"], ["C7.8", "C4"], SubmissionState.SUBMITTED),
    ("Sahel Mobile Networks", "format", "en", "Shorter sessions, more remote speakers",
     "Forty-five-minute sessions with at least one remote speaker each would widen participation.",
     ["forum-format"], [], SubmissionState.SUBMITTED),
    ("Digital Government Agency", "priorities", "ar", "الخدمات الحكومية الرقمية الآمنة",
     "نرجو إفراد حيز لتجارب الهوية الرقمية وحماية البيانات الشخصية في الخدمات الحكومية.",
     ["trust", "data"], ["C5", "C7.1"], SubmissionState.ACCEPTED),
]  # fmt: skip

WORKSHOP_2026 = {
    "organisation": "Institute for Information Society Studies",
    "title": "Measuring digital skills in the Arab region",
    "description": "Researchers and statistics offices compare how they measure digital skills, and what the "
    "results mean for training policies.",
    "organisers": "Institute for Information Society Studies\nNile Digital Inclusion Forum",
    "speakers": [
        ("Leila Benali", "Institute for Information Society Studies", Speaker.Gender.WOMAN, "academia", "MA"),
        ("Youssef Karam", "Nile Digital Inclusion Forum", Speaker.Gender.MAN, "civil_society", "EG"),
    ],
}

DRAFT_2027 = (
    "Digital public libraries as learning hubs",
    "Public libraries can offer connectivity, devices and guidance to people who have none at home. We "
    "propose that the Forum looks at how they are funded and staffed.",
)


def load(accounts):
    """Load the demo consultations; safe to run again."""
    stakeholder = accounts["stakeholder@example.org"]
    for edition in Edition.objects.filter(year__in=MEETINGS):
        consultation = _consultation(edition)
        if edition.year == 2026:
            _received_2026(consultation, stakeholder)
        else:
            _draft_2027(consultation, stakeholder)


def _consultation(edition):
    consultation, _ = Consultation.objects.update_or_create(
        edition=edition,
        defaults={
            "introduction": INTRODUCTION[0],
            "introduction_en": INTRODUCTION[0],
            "introduction_ar": INTRODUCTION[1],
            "max_speakers": 6,
            "max_workshop_requests": 3,
        },
    )
    for en, ar, starts, minutes, fmt, venue_en, venue_ar, link in MEETINGS[edition.year]:
        begins = geneva_time(*starts)
        Meeting.objects.update_or_create(
            consultation=consultation,
            title_en=en,
            defaults={
                "title": en,
                "title_ar": ar,
                "starts_at": begins,
                "ends_at": begins + timedelta(minutes=minutes),
                "format": fmt,
                "venue": venue_en,
                "venue_en": venue_en,
                "venue_ar": venue_ar,
                "link": link,
            },
        )
    return consultation


def _origin(organisation):
    return {"organisation": organisation, **origin(organisation)}


@transaction.atomic
def _received_2026(consultation, stakeholder):
    """What the 2026 consultation received, written directly in its final state (as an import would)."""
    submitted_at = geneva_time(2026, 3, 2, 11, 0)
    for name, kind, language, title, text, topic_codes, line_codes, state in CONTRIBUTIONS_2026:
        if Contribution.objects.filter(consultation=consultation, title=title).exists():
            continue
        organisation = Organisation.objects.get(name=name)
        contribution = Contribution(
            consultation=consultation,
            kind=kind,
            language=language,
            title=title,
            text=text,
            state=state,
            owner=stakeholder if name == "Nile Digital Inclusion Forum" else None,
            submitted_at=submitted_at,
            **_origin(organisation),
        )
        contribution.reference = reference_for(contribution, submitted_at)
        contribution.save()
        contribution.topics.set(Topic.objects.filter(code__in=topic_codes))
        contribution.action_lines.set(ActionLine.objects.filter(code__in=line_codes))
    if not WorkshopRequest.objects.filter(consultation=consultation, title=WORKSHOP_2026["title"]).exists():
        organisation = Organisation.objects.get(name=WORKSHOP_2026["organisation"])
        request = WorkshopRequest(
            consultation=consultation,
            language="en",
            title=WORKSHOP_2026["title"],
            description=WORKSHOP_2026["description"],
            format=Format.HYBRID,
            organisers=WORKSHOP_2026["organisers"],
            session_languages=["en", "ar"],
            preferred_day=date(2026, 7, 8),
            state=SubmissionState.ACCEPTED,
            submitted_at=submitted_at,
            **_origin(organisation),
        )
        request.reference = reference_for(request, submitted_at)
        request.save()
        request.action_lines.set(ActionLine.objects.filter(code__in=["C4", "C3"]))
        request.sdgs.set(SustainableDevelopmentGoal.objects.filter(number__in=[4, 10]))
        for position, (name, org, gender, group, country) in enumerate(WORKSHOP_2026["speakers"]):
            Speaker.objects.create(
                request=request,
                position=position,
                name=name,
                organisation=org,
                gender=gender,
                stakeholder_type=group,
                country=country,
            )
        request.session = session_for(request)
        request.save(update_fields=["session"])


def _draft_2027(consultation, stakeholder):
    title, text = DRAFT_2027
    if Contribution.objects.filter(consultation=consultation, owner=stakeholder, title=title).exists():
        return
    contribution = Contribution.objects.create(
        consultation=consultation,
        kind=Contribution.Kind.PRIORITIES,
        language="en",
        title=title,
        text=text,
        owner=stakeholder,
        **_origin(Organisation.objects.get(name="Nile Digital Inclusion Forum")),
    )
    contribution.topics.set(Topic.objects.filter(code__in=["skills", "digital-inclusion"]))
    contribution.action_lines.set(ActionLine.objects.filter(code__in=["C3", "C4"]))
