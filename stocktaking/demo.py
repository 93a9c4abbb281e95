"""Demo entries for the stocktaking: published ones in Arabic and English, and one waiting for review.
Every project, organisation and person here is invented for the demo."""

from wsis_portal.lifecycle.models import SubmissionState
from wsis_portal.stakeholders.models import Organisation, User

from . import imports, services
from .models import Entry

PUBLISHED = [
    {
        "external_id": "demo-1",
        "kind": "project",
        "language": "ar",
        "work_status": "ongoing",
        "title": "مكتبات رقمية متنقلة للقرى النائية",
        "description": "يوفّر المشروع حافلات مجهّزة بالحواسيب والنفاذ إلى الإنترنت تجوب القرى النائية كل أسبوع، "
        "وتقدّم دورات في محو الأمية الرقمية للنساء والشباب، ومكتبة إلكترونية باللغة العربية.",
        "organisation": "Nile Digital Inclusion Forum",
        "organisation_country": "EG",
        "stakeholder_type": "civil_society",
        "countries": "EG",
        "action_lines": "C3;C4;C7.3",
        "main_action_line": "C3",
        "sdgs": "4;5;10",
        "gdc_objectives": "1",
        "start_date": "2023-01-15",
        "year": "2025",
    },
    {
        "external_id": "demo-2",
        "kind": "initiative",
        "language": "en",
        "work_status": "ongoing",
        "title": "Community networks for rural broadband",
        "description": "A programme that trains local cooperatives to build and run their own wireless networks, "
        "with shared spectrum licences and open hardware, so that remote villages get affordable broadband.",
        "organisation": "Community Networks Alliance",
        "organisation_country": "ZA",
        "stakeholder_type": "civil_society",
        "countries": "ZA;KE;SN",
        "action_lines": "C2;C6",
        "sdgs": "9;11",
        "gdc_objectives": "1;2",
        "start_date": "2021-06-01",
        "year": "2024",
    },
    {
        "external_id": "demo-3",
        "kind": "project",
        "language": "ar",
        "work_status": "completed",
        "title": "منصة الحكومة الإلكترونية للخدمات البلدية",
        "description": "منصّة موحّدة تتيح للمواطنين طلب الخدمات البلدية ومتابعتها عبر الهاتف المحمول، مع توقيع إلكتروني "
        "وحماية للبيانات الشخصية، وقد خفّضت مدة إنجاز المعاملات إلى النصف.",
        "organisation": "Digital Government Agency",
        "organisation_country": "JO",
        "stakeholder_type": "government",
        "countries": "JO",
        "action_lines": "C7.1;C5",
        "main_action_line": "C7.1",
        "sdgs": "16;9",
        "start_date": "2020-03-01",
        "end_date": "2024-12-31",
        "year": "2025",
    },
    {
        "external_id": "demo-4",
        "kind": "publication",
        "language": "en",
        "work_status": "completed",
        "title": "Open data toolkit for small island states",
        "description": "A practical toolkit, with templates and case studies, to help small island administrations "
        "publish climate and statistics data as open data and link it to the SDG indicators.",
        "organisation": "Pacific Open Data Lab",
        "organisation_country": "FJ",
        "stakeholder_type": "academia",
        "countries": "FJ;WS;TO",
        "action_lines": "C3;C7.6",
        "sdgs": "13;14;17",
        "gdc_objectives": "4",
        "year": "2026",
    },
    {
        "external_id": "demo-5",
        "kind": "event",
        "language": "en",
        "work_status": "completed",
        "title": "Regional workshop on cybersecurity for hospitals",
        "description": "Three days of hands-on exercises for hospital IT teams on protecting patient records, "
        "answering ransomware incidents and keeping e-health services running.",
        "organisation": "Regional Telecommunication Cooperation Bureau",
        "organisation_country": "CH",
        "stakeholder_type": "international_organization",
        "regions": "europe;cis",
        "action_lines": "C5;C7.4",
        "sdgs": "3",
        "year": "2026",
    },
    {
        "external_id": "demo-6",
        "kind": "project",
        "language": "ar",
        "work_status": "planned",
        "title": "الزراعة الذكية: إرشاد المزارعين عبر الرسائل القصيرة",
        "description": "خدمة رسائل قصيرة ورسائل صوتية بالعربية تبلّغ المزارعين بأحوال الطقس وأسعار المحاصيل ومواعيد الري، "
        "بالتعاون مع التعاونيات الزراعية ووزارة الزراعة.",
        "organisation": "Institute for Information Society Studies",
        "organisation_country": "MA",
        "stakeholder_type": "academia",
        "countries": "MA;TN",
        "action_lines": "C7.7;C4",
        "main_action_line": "C7.7",
        "sdgs": "2;8",
        "year": "2026",
    },
    {
        "external_id": "demo-7",
        "kind": "initiative",
        "language": "en",
        "work_status": "ongoing",
        "title": "Digital skills for women entrepreneurs",
        "description": "Mentoring and online courses that help women running small businesses sell online, take "
        "mobile payments and protect their accounts.",
        "organisation": "Sahel Mobile Networks",
        "organisation_country": "SN",
        "stakeholder_type": "private_sector",
        "countries": "SN;ML;BF",
        "action_lines": "C7.2;C4",
        "main_action_line": "C7.2",
        "sdgs": "5;8",
        "gdc_objectives": "2",
        "year": "2025",
    },
    {
        "external_id": "demo-8",
        "kind": "project",
        "language": "en",
        "work_status": "ongoing",
        "title": "Multilingual local content on public broadcasting",
        "description": "Radio and online programmes in local languages on health, schooling and civic life, with a "
        "free archive of recordings for community radios.",
        "organisation": "Global Partnership for Digital Libraries",
        "organisation_country": "",
        "stakeholder_type": "international_organization",
        "is_global": "yes",
        "action_lines": "C8;C9",
        "sdgs": "4;10",
        "year": "2024",
    },
]

PENDING = {
    "kind": "project",
    "language": "ar",
    "work_status": "ongoing",
    "title": "تطبيق هاتفي لمواعيد العيادات الريفية",
    "description": "تطبيق يحجز مواعيد العيادات الريفية ويذكّر المرضى بها برسائل قصيرة، ويعمل دون اتصال دائم بالإنترنت.",
}


def load(accounts):
    """Load the demo entries; safe to run again."""
    report = imports.import_csv(PUBLISHED)
    if not report.ok:
        raise ValueError(report.errors)
    stakeholder = accounts["stakeholder@example.org"]
    Entry.objects.filter(external_id="demo-1").update(owner=stakeholder)
    if not Entry.objects.filter(owner=stakeholder, title=PENDING["title"]).exists():
        _waiting_for_review(stakeholder)


def _waiting_for_review(stakeholder: User):
    from wsis_portal.editions.models import ActionLine, SustainableDevelopmentGoal

    organisation = Organisation.objects.get(name="Nile Digital Inclusion Forum")
    entry = services.save_content(
        Entry(),
        {
            **PENDING,
            "organisation": organisation,
            "is_global": False,
            "countries": ["EG"],
            "regions": [],
            "action_lines": [ActionLine.objects.get(code="C7.4")],
            "main_action_line": None,
            "sdgs": [SustainableDevelopmentGoal.objects.get(number=3)],
            "gdc_objectives": [],
            "start_date": None,
            "end_date": None,
            "website": "",
            "contact_name": "",
            "contact_email": "",
            "attachment": "",
        },
        stakeholder,
    )
    services.submit(entry, stakeholder)
    assert entry.state == SubmissionState.SUBMITTED
