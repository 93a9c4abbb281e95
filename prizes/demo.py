"""Demo data of the WSIS Prizes: the 2026 cycle as it went (submissions and nominations due 15 March 2026,
nominees published in April, public voting until mid-May, winners announced at the prize ceremony of the
Forum on 7 July 2026: the edition's "prizes" phases) with nine projects it received in three categories —
each category with its winner, another champion and a nominee — their certificates issued (and rendered
once the demo's transaction commits), and the demo reviewer as an expert of two categories. One project
was nominated by the demo stakeholder and confirmed by the project's contact; the others were submitted by
the organizations that run them. Written directly in their final state, as an import would. Projects and
people are invented; that the demo cycle accepts Arabic as well as English is a choice of the demo."""

from django.db import transaction

from stocktaking.models import Entry
from wsis_portal.editions.models import Edition, GDCObjective, SustainableDevelopmentGoal
from wsis_portal.editions.schedule import geneva_time
from wsis_portal.lifecycle.transitions import reference_for
from wsis_portal.stakeholders.models import Organisation

from . import results
from .models import Certificate, ExpertAssignment, PrizeCategory, PrizeCycle, State, Submission

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

FIBRE = (
    "Open-access fibre for county hospitals and schools lays a public fibre backbone along the national "
    "power lines and leases it on equal terms to every operator, so that the last kilometre to a hospital, "
    "a school or a county office is no longer a monopoly. The office builds and owns the backbone; private "
    "operators and community networks rent capacity at a published price and compete for the customers "
    "at its end. Each of the forty-seven counties has a point of presence with backup power, and every "
    "county hospital and secondary school within ten kilometres of one is connected at no cost to itself. "
    "Doctors now consult specialists in the capital by video, laboratories send results the same day, "
    "and pupils sit online examinations that used to require a journey to town. Wholesale prices have "
    "fallen by two thirds since the first lease, and four new operators have entered markets that had "
    "none. The project completed its second major phase in 2025: the backbone reaches every county, its "
    "open-access rules are written into the national broadband strategy, and the leases cover the cost "
    "of running it without any further subsidy."
)
ISLANDS = (
    "Cyclone-ready island connectivity keeps remote islands online when storms cut their cables and "
    "power. Students and engineers of the lab designed a small, solar-powered relay that fits in two "
    "boxes, can be carried on a fishing boat, and links an island to its neighbour by microwave when the "
    "submarine cable or the only mast is down. Each relay is paired with a village team trained to set "
    "it up within hours, and with a simple messaging service that works even on basic phones, so that "
    "families can report who is safe and what is needed. The designs, the training material and the "
    "software are published under open licences, and the lab keeps a stock of relays in three harbours. "
    "During the last cyclone season, twenty-three islands that would have been cut off for weeks stayed "
    "connected, and the national disaster office received the first damage reports within a day instead "
    "of a week. The project ended its major phase with a joint exercise with the disaster office and two "
    "operators, who now keep relays of their own, and the lab is preparing a version for flood-prone "
    "river valleys on the larger islands."
)
ACCESSIBLE = (
    "خدمات حكومية رقمية ميسّرة للجميع مشروع يجعل البوابة الحكومية الوطنية قابلة للاستعمال من الأشخاص ذوي الإعاقة "
    "وكبار السن ومن لا يجيدون القراءة. عمل فريق المنتدى مع جمعيات الأشخاص ذوي الإعاقة على اختبار مئة وعشرين خدمة "
    "إلكترونية، من استخراج شهادة الميلاد إلى تجديد بطاقة التموين، وكتب لكل خدمة تقريراً بالعوائق التي واجهها "
    "المستخدمون وبالحلول الممكنة. وبالتعاون مع الوزارة المختصة أُعيد تصميم الاستمارات لتعمل مع قارئات الشاشة، "
    "وأُضيف إلى كل خدمة شرح مصوَّر بلغة الإشارة وشرح صوتي باللهجة المحلية، وفُتح خط هاتفي يساعد المستخدم خطوة بخطوة. "
    "كما درّب المشروع ثلاثمئة موظف حكومي على معايير النفاذ الرقمي، وأصدر دليلاً عربياً مفتوحاً لهذه المعايير "
    "تستعمله اليوم الجهات الحكومية عند شراء أي نظام جديد. وارتفع عدد المعاملات التي ينجزها الأشخاص ذوو الإعاقة "
    "عبر الإنترنت إلى ثلاثة أضعاف خلال عامين، وانخفضت الشكاوى المتعلقة بصعوبة الاستعمال بنسبة كبيرة. وقد اكتمل "
    "المشروع بإدراج معايير النفاذ الرقمي في اللائحة الوطنية للخدمات الإلكترونية، وأصبح اختبار النفاذ شرطاً لإطلاق "
    "أي خدمة جديدة، ويواصل المنتدى تقديم التدريب للبلديات والجامعات في المحافظات."
)
LAND = (
    "A paperless land registry for Andean communities moves the land records of rural municipalities from "
    "paper ledgers to a secure cloud registry that farmers can consult from a phone. Surveyors map each "
    "plot with low-cost satellite receivers, neighbours confirm the boundaries at a village meeting, and "
    "the record is signed electronically by the municipal registrar, in Spanish and in Quechua. Every "
    "change of owner, inheritance or mortgage is kept in a tamper-evident log that the national land "
    "authority can audit at any time. Before the project, a title took on average eighteen months and "
    "several trips to the provincial capital; it now takes six weeks and can be requested at the "
    "municipal office. Women, whose names were often missing from family titles, are now registered as "
    "co-owners in two of three new titles. With a formal title, farmers obtain credit from rural banks "
    "at lower rates and invest in irrigation. The project has completed its first major phase in twelve "
    "municipalities; the registry software is shared with the land authority, which is extending it to "
    "the rest of the region with its own budget."
)
CRAFTS = (
    "سوق إلكترونية لتعاونيات الصناعة التقليدية منصة أنشأها المعهد مع تعاونيات الحرفيين في القرى الجبلية لتبيع "
    "منتجاتها من الزرابي والفخار والنحاس مباشرة إلى المشترين في البلد وخارجه، من غير وسطاء يأخذون معظم الربح. "
    "تصوّر كل تعاونية منتجاتها بهاتف محمول، وتكتب وصفها بالعربية أو بالأمازيغية، وتترجم المنصة الوصف آلياً إلى "
    "لغات أخرى يراجعها طلبة متطوعون. ويُدفع الثمن إلكترونياً ويُحفظ لدى مصرف شريك حتى يتسلم المشتري الطلبية، "
    "ويتكفل شريك في البريد بالشحن بسعر موحّد من أي قرية. وتلقت الحرفيات، وهن أغلب أعضاء التعاونيات، تدريباً على "
    "التسعير والتصوير وخدمة الزبائن وحماية حساباتهن من الاحتيال. "
    "وتُعرض مع كل منتج قصة الحرفية التي صنعته وصورتها إن رغبت في ذلك. وتبيع اليوم مئة وأربعون تعاونية على المنصة، "
    "وتضاعف دخل أعضائها في المتوسط، وعاد عدد من الشباب إلى قراهم للعمل في التغليف والتسويق. وقد اكتمل المشروع "
    "بعد أن صارت التعاونيات تدير المنصة بنفسها عبر اتحاد منتخب يغطي مصاريفها من عمولة صغيرة على كل عملية بيع، "
    "ويعمل المعهد الآن على نقل التجربة إلى تعاونيات المنتجات الفلاحية في المنطقة."
)
PAYMENTS = (
    "Cross-border mobile payments for small traders lets market traders who buy and sell across the "
    "borders of five neighbouring countries pay each other from their mobile money accounts, in their own "
    "currency, in seconds and for a small fee. Before the project, most of these traders carried cash "
    "across the border, exposed to theft and to informal charges, or paid agents who took up to a tenth "
    "of the amount. The bureau brought together the central banks, the regulators and the mobile "
    "operators of the five countries to agree on common rules for identification, consumer protection "
    "and the settlement of payments between operators, and on a shared switch that connects their "
    "services. Traders open an account with the identity card they already hold, and a help desk at each "
    "border market answers questions in the local languages. In two years, more than ninety thousand "
    "traders, most of them women, have made over four million payments, and the average cost of sending "
    "money across a border has fallen from nine to two per cent. The project has reached the end of a "
    "major phase, and two more countries have asked to join the switch."
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
        "result": State.WINNER,
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
        "result": State.WINNER,
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
        "result": State.CHAMPION,
    },
    {
        "organisation": "National Broadband Office",
        "category": "C2",
        "language": "en",
        "title": "Open-access fibre for county hospitals and schools",
        "short_description": FIBRE,
        "description": "A public fibre backbone along the power lines, leased on equal terms to every operator.",
        "impact_qualitative": "Hospitals consult specialists by video; pupils sit online examinations at school.",
        "impact_quantitative": "47 counties reached; wholesale prices down by two thirds; four new operators.",
        "partnerships": "The national power company, private operators, community networks, county governments.",
        "challenges": "Rights of way on private land; theft of backup batteries.",
        "future_plans": "Points of presence in every sub-county town by 2028.",
        "project_status": Submission.ProjectStatus.MAJOR_PHASE,
        "sdgs": [9, 3],
        "gdc_objectives": [1],
        "contact": ("Peter Otieno", "p.otieno@nbo.example.org"),
        "result": State.CHAMPION,
    },
    {
        "organisation": "Pacific Open Data Lab",
        "category": "C2",
        "language": "en",
        "title": "Cyclone-ready island connectivity",
        "short_description": ISLANDS,
        "description": "Portable solar relays and trained village teams that reconnect islands after storms.",
        "impact_qualitative": "Families report who is safe; relief reaches the islands that need it first.",
        "impact_quantitative": "23 islands kept online in one cyclone season; damage reports within a day.",
        "partnerships": "The national disaster office, two mobile operators, village councils.",
        "challenges": "Salt and humidity wear out equipment; boats are scarce after a storm.",
        "future_plans": "A version for flood-prone river valleys on the larger islands.",
        "project_status": Submission.ProjectStatus.MAJOR_PHASE,
        "sdgs": [9, 13],
        "gdc_objectives": [1, 2],
        "contact": ("Mere Tuilagi", "mere@podl.example.org"),
        "result": State.NOMINEE,
    },
    {
        "organisation": "Nile Digital Inclusion Forum",
        "category": "C7.1",
        "language": "ar",
        "title": "خدمات حكومية رقمية ميسّرة للجميع",
        "short_description": ACCESSIBLE,
        "description": "اختبار الخدمات الحكومية الإلكترونية مع الأشخاص ذوي الإعاقة وإعادة تصميمها لتكون متاحة للجميع.",
        "impact_qualitative": "يُنجز الأشخاص ذوو الإعاقة وكبار السن معاملاتهم بأنفسهم ومن غير وسيط.",
        "impact_quantitative": "تضاعف عدد معاملاتهم عبر الإنترنت ثلاث مرات في عامين، وتدرّب 300 موظف.",
        "partnerships": "جمعيات الأشخاص ذوي الإعاقة، والوزارة المختصة، والجامعات.",
        "challenges": "تحديث الأنظمة القديمة التي لا تعمل مع قارئات الشاشة.",
        "future_plans": "تدريب البلديات والجامعات في المحافظات كافة.",
        "project_status": Submission.ProjectStatus.COMPLETED,
        "sdgs": [10, 16],
        "gdc_objectives": [2],
        "contact": ("هالة عبد الرحمن", "hala@ndif.example.org"),
        "result": State.CHAMPION,
    },
    {
        "organisation": "Andes Cloud Services",
        "category": "C7.1",
        "language": "en",
        "title": "A paperless land registry for Andean communities",
        "short_description": LAND,
        "description": "Plots mapped by satellite, confirmed by neighbours and registered in a secure cloud registry.",
        "impact_qualitative": "Farmers hold formal titles, women are registered as co-owners, credit is cheaper.",
        "impact_quantitative": "A title in six weeks instead of eighteen months, in twelve municipalities.",
        "partnerships": "The national land authority, twelve municipalities, two rural banks.",
        "challenges": "Boundary disputes settled only at village meetings; weak mobile coverage.",
        "future_plans": "The whole region, run by the land authority on its own budget.",
        "project_status": Submission.ProjectStatus.MAJOR_PHASE,
        "sdgs": [1, 5],
        "gdc_objectives": [3],
        "contact": ("Rosa Mamani", "rosa.mamani@andes.example.org"),
        "result": State.NOMINEE,
    },
    {
        "organisation": "Institute for Information Society Studies",
        "category": "C7.2",
        "language": "ar",
        "title": "سوق إلكترونية لتعاونيات الصناعة التقليدية",
        "short_description": CRAFTS,
        "description": "منصة تبيع عليها تعاونيات الحرفيين منتجاتها مباشرة، مع الدفع الإلكتروني والشحن بسعر موحّد.",
        "impact_qualitative": "تبيع الحرفيات منتجاتهن بأنفسهن ويعود الشباب إلى القرى للعمل.",
        "impact_quantitative": "140 تعاونية على المنصة، وتضاعف دخل أعضائها في المتوسط.",
        "partnerships": "تعاونيات الحرفيين، ومصرف شريك، والبريد الوطني، وطلبة متطوعون.",
        "challenges": "ضعف الاتصال بالإنترنت في القرى الجبلية وكلفة الشحن إلى الخارج.",
        "future_plans": "نقل التجربة إلى تعاونيات المنتجات الفلاحية في المنطقة.",
        "project_status": Submission.ProjectStatus.COMPLETED,
        "sdgs": [8, 5],
        "gdc_objectives": [2],
        "contact": ("خديجة العلوي", "khadija@iiss.example.org"),
        "result": State.WINNER,
    },
    {
        "organisation": "Regional Telecommunication Cooperation Bureau",
        "category": "C7.2",
        "language": "en",
        "title": "Cross-border mobile payments for small traders",
        "short_description": PAYMENTS,
        "description": "A shared switch and common rules that connect the mobile money services of five countries.",
        "impact_qualitative": "Traders no longer carry cash across borders; women traders keep more of their income.",
        "impact_quantitative": "90,000 traders, over four million payments; costs down from 9% to 2%.",
        "partnerships": "Five central banks, five regulators, the mobile operators of the region.",
        "challenges": "Agreeing on one set of identification rules among five countries.",
        "future_plans": "Two more countries joining the switch.",
        "project_status": Submission.ProjectStatus.MAJOR_PHASE,
        "sdgs": [8, 10],
        "gdc_objectives": [1],
        "contact": ("Fatou Sow", "f.sow@rtcb.example.org"),
        "result": State.NOMINEE,
    },
]
# When the 2026 results were published (Geneva time): the nominees once the expert group had chosen them,
# the champions after the public vote, the winners at the prize ceremony of the Forum.
PUBLISHED_2026 = {
    "nominees_published_at": geneva_time(2026, 4, 14, 9, 0),
    "champions_published_at": geneva_time(2026, 5, 19, 12, 0),
    "winners_published_at": geneva_time(2026, 7, 7, 18, 0),
}
# The demo reviewer is an expert of the group for these categories.
EXPERT_CATEGORIES = ("C2", "C7.1")
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
    _results(cycle, accounts["reviewer@example.org"])


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
        entry = Entry.objects.get(external_id=project["entry"]) if project.get("entry") else None
        nominated = project.get("nominated", False)
        submission = Submission(
            cycle=cycle,
            category=PrizeCategory.objects.get(action_line__code=project["category"]),
            kind=Submission.Kind.NOMINATION if nominated else Submission.Kind.SUBMISSION,
            owner=stakeholder if nominated else None,
            organisation=organisation,
            description=project.get("description") or entry.description,
            website=organisation.website,
            stocktaking_entry=entry,
            contact_name=project["contact"][0],
            contact_email=project["contact"][1],
            state=State.SUBMITTED,
            submitted_at=SUBMITTED_AT,
            confirmation=Submission.Confirmation.CONFIRMED if nominated else "",
            confirmation_sent_at=SUBMITTED_AT if nominated else None,
            confirmed_at=CONFIRMED_AT if nominated else None,
            **{name: project[name] for name in TEXT_FIELDS},
        )
        submission.reference = reference_for(submission, SUBMITTED_AT)
        submission.save()
        submission.sdgs.set(SustainableDevelopmentGoal.objects.filter(number__in=project["sdgs"]))
        submission.gdc_objectives.set(GDCObjective.objects.filter(number__in=project["gdc_objectives"]))


@transaction.atomic
def _results(cycle, reviewer):
    """The stage each project reached, the publications, the expert assignments, and the certificates,
    dated as published (rendered once the demo's transaction commits)."""
    for project in RECEIVED_2026:
        Submission.objects.filter(cycle=cycle, title=project["title"]).update(state=project["result"])
    PrizeCycle.objects.filter(pk=cycle.pk).update(**PUBLISHED_2026)
    for code in EXPERT_CATEGORIES:
        ExpertAssignment.objects.get_or_create(
            cycle=cycle, category=PrizeCategory.objects.get(action_line__code=code), expert=reviewer
        )
    results.issue_certificates(cycle)
    for kind, published in (
        (Certificate.Kind.CHAMPION, PUBLISHED_2026["champions_published_at"]),
        (Certificate.Kind.WINNER, PUBLISHED_2026["winners_published_at"]),
    ):
        Certificate.objects.filter(submission__cycle=cycle, kind=kind).update(issued_at=published)
