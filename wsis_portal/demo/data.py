"""Demo data: the 2026 edition as announced (Forum 6–10 July 2026 in Geneva, consultation contributions due
20 March 2026, prize submissions due 15 March 2026), with invented organisations, ministers and accounts.
Every name of a person or organisation here is invented for the demo."""

from wsis_portal.editions.models import Process
from wsis_portal.stakeholders.models import MemberState, StakeholderType

DEMO_PASSWORD = "wsis-demo-2026"  # noqa: S105 - published in the README for the demo accounts only

EDITION_2026 = {
    "year": 2026,
    "starts_on": (2026, 7, 6),
    "ends_on": (2026, 7, 10),
    "venue": ("Geneva, Switzerland", "جنيف، سويسرا"),
    "is_hybrid": True,
}

# (process, key, English, Arabic, opens (y, m, d, h, min), deadline or None), Geneva time.
PHASES_2026 = [
    (
        Process.CONSULTATION,
        "contributions",
        "Official contributions and binding workshop requests",
        "المساهمات الرسمية والطلبات الملزمة بشأن عقد ورش عمل",
        (2025, 12, 23, 9, 0),
        (2026, 3, 20, 23, 59),
    ),
    (
        Process.STOCKTAKING,
        "submissions",
        "Submission of projects, initiatives and events",
        "تقديم المشروعات والمبادرات والأحداث",
        (2025, 12, 23, 9, 0),
        None,
    ),
    (
        Process.PRIZES,
        "submission",
        "Submission and nomination of projects",
        "تقديم المشروعات أو ترشيحها",
        (2025, 12, 23, 9, 0),
        (2026, 3, 15, 23, 59),
    ),
    # The rest of the 2026 prize cycle, on the pattern of earlier years (ITU announces these dates as the
    # cycle goes): nominees in April, public voting until mid-May, winners at the Forum's prize ceremony.
    (
        Process.PRIZES,
        "nomination",
        "Review by the expert group and choice of the nominees",
        "استعراض فريق الخبراء للمشروعات واختيار المرشَّحين",
        (2026, 3, 16, 9, 0),
        (2026, 4, 10, 23, 59),
    ),
    (
        Process.PRIZES,
        "voting",
        "Public online voting",
        "التصويت العام عبر الإنترنت",
        (2026, 4, 14, 9, 0),
        (2026, 5, 15, 23, 59),
    ),
    (
        Process.PRIZES,
        "selection",
        "Choice of the winners among the champions",
        "اختيار الفائزين من بين الأبطال",
        (2026, 5, 20, 9, 0),
        (2026, 6, 12, 23, 59),
    ),
    (
        Process.PRIZES,
        "ceremony",
        "WSIS Prizes ceremony at the Forum",
        "حفل توزيع جوائز القمة في المنتدى",
        (2026, 7, 7, 17, 0),
        (2026, 7, 7, 18, 30),
    ),
    (
        Process.FORUM,
        "forum-week",
        "Forum week in Geneva",
        "أسبوع المنتدى في جنيف",
        (2026, 7, 6, 9, 0),
        (2026, 7, 10, 18, 0),
    ),
]

# The next edition, so that the demo has a consultation open now. ITU has not announced its dates: these
# are invented for the demo, on the pattern of earlier years (a call in late autumn, contributions due in
# March, the Forum in early July).
EDITION_2027 = {
    "year": 2027,
    "starts_on": (2027, 7, 5),
    "ends_on": (2027, 7, 9),
    "venue": ("Geneva, Switzerland", "جنيف، سويسرا"),
    "is_hybrid": True,
}
PHASES_2027 = [
    (
        Process.CONSULTATION,
        "contributions",
        "Official contributions, binding workshop requests and facilitator nominations",
        "المساهمات الرسمية والطلبات الملزمة بشأن عقد ورش عمل وترشيحات الميسّرين",
        (2026, 11, 2, 9, 0),
        (2027, 3, 19, 23, 59),
    ),
    (
        Process.STOCKTAKING,
        "submissions",
        "Submission of projects, initiatives and events",
        "تقديم المشروعات والمبادرات والأحداث",
        (2026, 11, 2, 9, 0),
        None,
    ),
    (
        Process.CONSULTATION,
        "final-brief",
        "Final brief on the programme",
        "جلسة إحاطة ختامية بشأن البرنامج",
        (2027, 4, 20, 15, 0),
        (2027, 4, 20, 16, 30),
    ),
]
EDITIONS = [(EDITION_2026, PHASES_2026), (EDITION_2027, PHASES_2027)]

# (name, acronym, stakeholder type, country)
ORGANISATIONS = [
    ("National Broadband Office", "NBO", StakeholderType.GOVERNMENT, "KE"),
    ("Digital Government Agency", "DGA", StakeholderType.GOVERNMENT, "JO"),
    ("Sahel Mobile Networks", "", StakeholderType.PRIVATE_SECTOR, "SN"),
    ("Andes Cloud Services", "", StakeholderType.PRIVATE_SECTOR, "PE"),
    ("Community Networks Alliance", "CNA", StakeholderType.CIVIL_SOCIETY, "ZA"),
    ("Nile Digital Inclusion Forum", "NDIF", StakeholderType.CIVIL_SOCIETY, "EG"),
    ("Institute for Information Society Studies", "IISS", StakeholderType.ACADEMIA, "MA"),
    ("Pacific Open Data Lab", "", StakeholderType.ACADEMIA, "FJ"),
    (
        "Regional Telecommunication Cooperation Bureau",
        "RTCB",
        StakeholderType.INTERNATIONAL_ORGANIZATION,
        "CH",
    ),
    ("Global Partnership for Digital Libraries", "GPDL", StakeholderType.INTERNATIONAL_ORGANIZATION, ""),
]

W, M = MemberState.Gender.WOMAN, MemberState.Gender.MAN
# country: (ministry en, ministry ar, minister en, minister ar, title en, title ar, form of address)
MINISTERS = {
    "EG": (
        "Ministry of Communications and Information Technology",
        "وزارة الاتصالات وتكنولوجيا المعلومات",
        "Karim Mansour",
        "كريم منصور",
        "Minister of Communications and Information Technology",
        "وزير الاتصالات وتكنولوجيا المعلومات",
        M,
    ),
    "JO": (
        "Ministry of Digital Economy and Entrepreneurship",
        "وزارة الاقتصاد الرقمي والريادة",
        "Lina Haddad",
        "لينا حداد",
        "Minister of Digital Economy and Entrepreneurship",
        "وزيرة الاقتصاد الرقمي والريادة",
        W,
    ),
    "MA": (
        "Ministry of Digital Transition",
        "وزارة الانتقال الرقمي",
        "Samira Idrissi",
        "سميرة الإدريسي",
        "Minister of Digital Transition",
        "وزيرة الانتقال الرقمي",
        W,
    ),
    "TN": (
        "Ministry of Communication Technologies",
        "وزارة تكنولوجيات الاتصال",
        "Hedi Ben Salem",
        "الهادي بن سالم",
        "Minister of Communication Technologies",
        "وزير تكنولوجيات الاتصال",
        M,
    ),
    "KE": (
        "Ministry of Information, Communications and the Digital Economy",
        "وزارة المعلومات والاتصالات والاقتصاد الرقمي",
        "Grace Wanjiru",
        "غريس وانجيرو",
        "Cabinet Secretary for Information and Communications",
        "أمينة مجلس الوزراء للمعلومات والاتصالات",
        W,
    ),
    "SN": (
        "Ministry of Communication, Telecommunications and Digital Affairs",
        "وزارة الاتصال والاتصالات والشؤون الرقمية",
        "Moussa Diallo",
        "موسى ديالو",
        "Minister of Communication, Telecommunications and Digital Affairs",
        "وزير الاتصال والاتصالات والشؤون الرقمية",
        M,
    ),
    "BR": (
        "Ministry of Communications",
        "وزارة الاتصالات",
        "Ana Ribeiro",
        "آنا ريبيرو",
        "Minister of Communications",
        "وزيرة الاتصالات",
        W,
    ),
    "CH": (
        "Federal Office of Communications",
        "المكتب الاتحادي للاتصالات",
        "Lukas Meier",
        "لوكاس ماير",
        "Federal Councillor",
        "المستشار الاتحادي",
        M,
    ),
}

# email: (full name, groups, is_staff, stakeholder type, organisation name, country)
ACCOUNTS = {
    "secretariat@example.org": (
        "Nadia Secretariat",
        ["secretariat"],
        True,
        StakeholderType.INTERNATIONAL_ORGANIZATION,
        "Regional Telecommunication Cooperation Bureau",
        "CH",
    ),
    "reviewer@example.org": (
        "Omar Reviewer",
        ["reviewer"],
        False,
        StakeholderType.ACADEMIA,
        "Institute for Information Society Studies",
        "MA",
    ),
    "stakeholder@example.org": (
        "Amal Stakeholder",
        [],
        False,
        StakeholderType.CIVIL_SOCIETY,
        "Nile Digital Inclusion Forum",
        "EG",
    ),
}

# The demo stakeholder's requests to act for organisations: (organisation, status, role in it).
DEMO_FOCAL_POINTS = [
    ("Nile Digital Inclusion Forum", "confirmed", "Programme coordinator for digital inclusion."),
    ("Community Networks Alliance", "confirmed", "Member of the board, in charge of partnerships."),
    ("Pacific Open Data Lab", "pending", "Visiting researcher on open data."),
]
