"""Demo data of the WSIS Prizes: the 2026 cycle (submissions and nominations due 15 March 2026, the
edition's "submission" phase) with three projects it received — two submitted by the organizations that run
them, one nominated by the demo stakeholder and confirmed by the project's contact. Written directly in
their final state (the cycle is closed), as an import would. Projects and people are invented; that the
demo cycle accepts Arabic as well as English is a choice of the demo."""

from django.db import transaction

from stocktaking.models import Entry
from wsis_portal.editions.models import Edition, GDCObjective, SustainableDevelopmentGoal
from wsis_portal.editions.schedule import geneva_time
from wsis_portal.lifecycle.transitions import next_reference
from wsis_portal.stakeholders.models import Organisation

from .models import PrizeCategory, PrizeCycle, State, Submission

INTRODUCTION = (
    "The WSIS Prizes recognise projects that use ICTs for development, in 18 categories linked to the WSIS "
    "Action Lines. Submit a project of your organization, or nominate another one, before the deadline.",
    "تُكرّم جوائز القمة العالمية لمجتمع المعلومات المشروعات التي تسخّر تكنولوجيا المعلومات والاتصالات لأغراض "
    "التنمية، في 18 فئة مرتبطة بخطوط عمل القمة. قدّموا مشروعاً لمنظمتكم أو رشّحوا مشروعاً آخر قبل الموعد النهائي.",
)

NETWORKS = (
    "Community networks for rural broadband trains local cooperatives to build, own and run their own "
    "wireless networks in villages that commercial operators do not reach. Each cooperative receives open "
    "hardware, a shared spectrum licence negotiated with the regulator, and six months of mentoring by "
    "engineers from earlier networks. Villagers pay a small monthly fee that covers maintenance and the "
    "backhaul link, and the surplus funds a community centre with computers and a library of offline "
    "courses. Since the first network was switched on, forty-two villages in three countries have been "
    "connected, and more than half of the technicians who keep them running are women. Schools use the "
    "networks for lessons and exams, clinics send patient records to district hospitals, and farmers sell "
    "their harvest through mobile market places. The project has reached the end of its second phase: the "
    "model is documented in an open handbook, the regulators of two more countries have adopted the shared "
    "licence, and a training centre now prepares new cooperatives without outside help."
)
E_GOVERNMENT = (
    "منصة الحكومة الإلكترونية للخدمات البلدية منصّة موحّدة تتيح للمواطنين طلب الخدمات البلدية ومتابعتها عبر الهاتف "
    "المحمول أو الحاسوب أو في مراكز الخدمة، من رخص البناء وشهادات السكن إلى الشكاوى وطلبات الصيانة. تعتمد المنصة على "
    "هوية رقمية موحّدة وتوقيع إلكتروني معترف به قانوناً، وتحمي البيانات الشخصية وفق القانون الوطني لحماية البيانات، "
    "وتتيح الدفع الإلكتروني بجميع الوسائل المتاحة في البلد. صُمّمت الخدمات مع المواطنين أنفسهم في ورش عمل في المحافظات "
    "كافة، واختُبرت مع كبار السن والأشخاص ذوي الإعاقة حتى تكون سهلة الاستعمال ومتاحة للجميع. ومنذ إطلاق المنصة انخفضت "
    "مدة إنجاز المعاملات إلى النصف، وتراجع عدد الزيارات إلى المكاتب البلدية بنسبة الثلثين، وارتفعت نسبة رضا المواطنين "
    "في الاستطلاعات السنوية ارتفاعاً واضحاً. وقد اكتمل المشروع في نهاية عام 2024 بعد ربط جميع البلديات بالمنصة، "
    "وتتولى الوكالة الآن تشغيله وتطويره بميزانيتها الاعتيادية، وتشارك خبرتها مع بلدان المنطقة عبر دليل مفتوح للتنفيذ "
    "وبرنامج تدريب للموظفين الحكوميين، كما نشرت الشيفرة المصدرية لمكوّنات المنصة الأساسية بترخيص مفتوح ليستفيد منها "
    "الجميع، وتعمل مع الجامعات على قياس أثر المنصة في حياة المواطنين."
)
WOMEN = (
    "Digital skills for women entrepreneurs helps women who run small businesses in towns and villages to "
    "sell online, take mobile payments and protect their accounts from fraud. Each participant follows a "
    "twelve-week course on her own phone, in her own language, with short videos, quizzes and weekly "
    "meetings in a nearby community hall. A mentor from a local business follows her progress, and a "
    "support line answers questions in the evenings, when most participants have time. The course was "
    "written with the women themselves, with market associations and with the national bank's consumer "
    "protection office, and is free of charge thanks to a partnership between the operator, two banks and "
    "a foundation. More than eighteen thousand women have completed it; two thirds now sell online and "
    "their average monthly income has grown by a quarter. The first major phase has ended with an "
    "independent evaluation, and the course is being adapted for young people leaving school."
)

RECEIVED_2026 = [
    {
        "organisation": "Community Networks Alliance",
        "entry": "demo-2",
        "category": "C2",
        "language": "en",
        "title": "Community networks for rural broadband",
        "short_description": NETWORKS,
        "impact_qualitative": "Villages run their own networks; schools, clinics and farmers use them daily.",
        "impact_quantitative": "42 villages in 3 countries connected; over half of the technicians are women.",
        "partnerships": "Local cooperatives, two national regulators, an open hardware foundation.",
        "challenges": "Long negotiations over spectrum licences; power cuts in the rainy season.",
        "future_plans": "A training centre that prepares new cooperatives without outside help.",
        "project_status": Submission.ProjectStatus.MAJOR_PHASE,
        "sdgs": [9, 11],
        "gdc_objectives": [1, 2],
        "nominated": False,
        "contact": ("Thandi Mokoena", "thandi@cna.example.org"),
    },
    {
        "organisation": "Digital Government Agency",
        "entry": "demo-3",
        "category": "C7.1",
        "language": "ar",
        "title": "منصة الحكومة الإلكترونية للخدمات البلدية",
        "short_description": E_GOVERNMENT,
        "impact_qualitative": "خدمات بلدية أيسر وأسرع للجميع، بمن فيهم كبار السن والأشخاص ذوو الإعاقة.",
        "impact_quantitative": "انخفضت مدة إنجاز المعاملات إلى النصف وتراجعت الزيارات إلى المكاتب بنسبة الثلثين.",
        "partnerships": "البلديات كافة، والمصرف المركزي، والجامعات الوطنية.",
        "challenges": "ربط الأنظمة القديمة للبلديات الصغيرة وتدريب موظفيها.",
        "future_plans": "مشاركة الخبرة مع بلدان المنطقة عبر دليل مفتوح للتنفيذ.",
        "project_status": Submission.ProjectStatus.COMPLETED,
        "sdgs": [16, 9],
        "gdc_objectives": [3],
        "nominated": False,
        "contact": ("رنا خليل", "rana.khalil@dga.example.org"),
    },
    {
        "organisation": "Sahel Mobile Networks",
        "entry": "demo-7",
        "category": "C7.2",
        "language": "en",
        "title": "Digital skills for women entrepreneurs",
        "short_description": WOMEN,
        "impact_qualitative": "Women sell online with confidence and protect their accounts from fraud.",
        "impact_quantitative": "18,000 women trained; two thirds sell online; incomes up by a quarter.",
        "partnerships": "Two banks, market associations, a foundation, the consumer protection office.",
        "challenges": "Reaching women with no smartphone of their own.",
        "future_plans": "The course adapted for young people leaving school.",
        "project_status": Submission.ProjectStatus.MAJOR_PHASE,
        "sdgs": [5, 8],
        "gdc_objectives": [2],
        "nominated": True,
        "contact": ("Awa Ndiaye", "awa.ndiaye@sahel.example.org"),
    },
]
SUBMITTED_AT = geneva_time(2026, 3, 10, 11, 0)
CONFIRMED_AT = geneva_time(2026, 3, 11, 9, 30)


def load(accounts):
    """Load the 2026 prize cycle and what it received; safe to run again."""
    edition = Edition.objects.filter(year=2026).first()
    if edition is None:
        return
    cycle, _ = PrizeCycle.objects.update_or_create(
        edition=edition,
        defaults={
            "introduction": INTRODUCTION[0],
            "introduction_en": INTRODUCTION[0],
            "introduction_ar": INTRODUCTION[1],
            "short_description_min_words": 150,
            "short_description_max_words": 200,
            "content_languages": ["ar", "en"],
        },
    )
    _received(cycle, accounts["stakeholder@example.org"])


TEXT_FIELDS = (
    "language",
    "title",
    "short_description",
    "impact_qualitative",
    "impact_quantitative",
    "partnerships",
    "challenges",
    "future_plans",
    "project_status",
)


@transaction.atomic
def _received(cycle, stakeholder):
    for project in RECEIVED_2026:
        organisation = Organisation.objects.get(name=project["organisation"])
        if Submission.objects.filter(cycle=cycle, organisation=organisation, title=project["title"]).exists():
            continue
        entry = Entry.objects.get(external_id=project["entry"])
        nominated = project["nominated"]
        submission = Submission.objects.create(
            cycle=cycle,
            category=PrizeCategory.objects.get(action_line__code=project["category"]),
            kind=Submission.Kind.NOMINATION if nominated else Submission.Kind.SUBMISSION,
            owner=stakeholder if nominated else None,
            organisation=organisation,
            description=entry.description,
            website=organisation.website,
            stocktaking_entry=entry,
            contact_name=project["contact"][0],
            contact_email=project["contact"][1],
            state=State.SUBMITTED,
            reference=next_reference(Submission.REFERENCE_PREFIX, SUBMITTED_AT),
            submitted_at=SUBMITTED_AT,
            confirmation=Submission.Confirmation.CONFIRMED if nominated else "",
            confirmation_sent_at=SUBMITTED_AT if nominated else None,
            confirmed_at=CONFIRMED_AT if nominated else None,
            **{name: project[name] for name in TEXT_FIELDS},
        )
        submission.sdgs.set(SustainableDevelopmentGoal.objects.filter(number__in=project["sdgs"]))
        submission.gdc_objectives.set(GDCObjective.objects.filter(number__in=project["gdc_objectives"]))
