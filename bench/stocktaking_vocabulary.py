"""Invented but plausible stocktaking text for the benchmark, in English and Arabic: titles, descriptions,
organisation names and the search words the benchmark types.

Arabic is written the several ways people write it: with and without the article, أ/إ as ا, final ة as ه,
final ى as ي, and now and then a diacritic, so that the search has the variants it must reconcile.
"""

from itertools import accumulate

# Each topic: (English, Arabic), the first ones the most written about; the search words below come from
# these.
TOPICS = [
    ("digital libraries", "المكتبات الرقمية"),
    ("rural connectivity", "الاتصال في المناطق الريفية"),
    ("e-health services", "خدمات الصحة الإلكترونية"),
    ("e-learning platforms", "منصات التعلم الإلكتروني"),
    ("cybersecurity awareness", "التوعية بالأمن السيبراني"),
    ("broadband access", "النفاذ إلى النطاق العريض"),
    ("e-government services", "خدمات الحكومة الإلكترونية"),
    ("open data portals", "بوابات البيانات المفتوحة"),
    ("community networks", "الشبكات المجتمعية"),
    ("mobile banking", "الخدمات المصرفية عبر الهاتف المحمول"),
    ("digital literacy", "محو الأمية الرقمية"),
    ("telemedicine", "الطب عن بعد"),
    ("smart agriculture", "الزراعة الذكية"),
    ("public access centres", "مراكز النفاذ العامة"),
    ("digital identity", "الهوية الرقمية"),
    ("child online protection", "حماية الأطفال على الإنترنت"),
    ("artificial intelligence", "الذكاء الاصطناعي"),
    ("personal data protection", "حماية البيانات الشخصية"),
    ("satellite internet", "الإنترنت عبر الأقمار الصناعية"),
    ("school connectivity", "ربط المدارس بالإنترنت"),
    ("women in technology", "المرأة في مجال التكنولوجيا"),
    ("digital skills", "المهارات الرقمية"),
    ("e-commerce", "التجارة الإلكترونية"),
    ("local content", "المحتوى المحلي"),
    ("climate monitoring", "رصد المناخ"),
    ("early warning systems", "أنظمة الإنذار المبكر"),
    ("open source software", "البرمجيات مفتوحة المصدر"),
    ("internet exchange points", "نقاط تبادل الإنترنت"),
    ("spectrum management", "إدارة الطيف الترددي"),
    ("accessibility for persons with disabilities", "إتاحة التكنولوجيا للأشخاص ذوي الإعاقة"),
    ("cloud services", "الخدمات السحابية"),
    ("digital payments", "المدفوعات الرقمية"),
    ("media literacy", "التربية الإعلامية"),
    ("e-waste recycling", "إعادة تدوير النفايات الإلكترونية"),
    ("research and education networks", "شبكات البحث والتعليم"),
    ("hospital information systems", "نظم المعلومات في المستشفى"),
    ("electronic signatures", "التوقيع الإلكتروني"),
    ("distance learning", "التعليم عن بعد"),
    ("crop price information", "معلومات أسعار المحاصيل"),
    ("fibre backbone", "شبكة الألياف الضوئية"),
    ("mobile health clinics", "العيادات الصحية المتنقلة"),
    ("electronic medical records", "السجلات الطبية الإلكترونية"),
    ("maternal health hotlines", "الخطوط الساخنة لصحة الأمهات"),
    ("vaccination registries", "سجلات التطعيم"),
    ("online job matching", "منصات التوظيف عبر الإنترنت"),
    ("remote work", "العمل عن بعد"),
    ("platform workers", "العاملين في اقتصاد المنصات"),
    ("startup incubators", "حاضنات الشركات الناشئة"),
    ("fintech regulation", "تنظيم التكنولوجيا المالية"),
    ("mobile money", "الأموال عبر الهاتف المحمول"),
    ("digital trade facilitation", "تيسير التجارة الرقمية"),
    ("postal e-commerce", "التجارة الإلكترونية البريدية"),
    ("coding clubs", "نوادي البرمجة"),
    ("robotics education", "تعليم الروبوتات"),
    ("teacher training", "تدريب المعلمين"),
    ("open educational resources", "الموارد التعليمية المفتوحة"),
    ("virtual laboratories", "المختبرات الافتراضية"),
    ("scientific data repositories", "مستودعات البيانات العلمية"),
    ("citizen science", "علوم المواطن"),
    ("precision irrigation", "الري الدقيق"),
    ("weather information", "معلومات الطقس"),
    ("livestock tracking", "تتبع الماشية"),
    ("fisheries monitoring", "رصد مصايد الأسماك"),
    ("food security information", "معلومات الأمن الغذائي"),
    ("disaster risk reduction", "الحد من مخاطر الكوارث"),
    ("emergency telecommunications", "الاتصالات في حالات الطوارئ"),
    ("air quality sensors", "أجهزة استشعار جودة الهواء"),
    ("green data centres", "مراكز البيانات الخضراء"),
    ("energy efficient networks", "الشبكات الموفرة للطاقة"),
    ("smart cities", "المدن الذكية"),
    ("intelligent transport systems", "أنظمة النقل الذكية"),
    ("water management systems", "أنظمة إدارة المياه"),
    ("land registry digitization", "رقمنة السجل العقاري"),
    ("e-procurement", "المشتريات الإلكترونية"),
    ("digital tax administration", "الإدارة الضريبية الرقمية"),
    ("civil registration", "التسجيل المدني"),
    ("e-voting", "التصويت الإلكتروني"),
    ("e-justice", "العدالة الإلكترونية"),
    ("parliament digitization", "رقمنة البرلمان"),
    ("public service kiosks", "أكشاك الخدمات العامة"),
    ("government cloud", "السحابة الحكومية"),
    ("interoperability frameworks", "أطر التشغيل البيني"),
    ("national data strategy", "الاستراتيجية الوطنية للبيانات"),
    ("data governance", "حوكمة البيانات"),
    ("privacy by design", "الخصوصية منذ التصميم"),
    ("computer emergency response teams", "فرق الاستجابة لطوارئ الحاسوب"),
    ("critical infrastructure protection", "حماية البنية التحتية الحيوية"),
    ("online fraud prevention", "مكافحة الاحتيال عبر الإنترنت"),
    ("cyberbullying", "التنمر الإلكتروني"),
    ("misinformation", "المعلومات المضللة"),
    ("community radio", "الإذاعة المجتمعية"),
    ("public service broadcasting", "البث العمومي"),
    ("freedom of expression online", "حرية التعبير على الإنترنت"),
    ("indigenous languages online", "لغات الشعوب الأصلية على الإنترنت"),
    ("Arabic digital content", "المحتوى الرقمي العربي"),
    ("cultural heritage digitization", "رقمنة التراث الثقافي"),
    ("digital archives", "الأرشيف الرقمي"),
    ("museum collections online", "مجموعات المتاحف على الإنترنت"),
    ("assistive technologies", "التكنولوجيات المساعدة"),
    ("sign language services", "خدمات لغة الإشارة"),
    ("screen readers", "برامج قراءة الشاشة"),
    ("digital inclusion of older persons", "الإدماج الرقمي لكبار السن"),
    ("youth employment", "تشغيل الشباب"),
    ("girls in ICT", "الفتيات في مجال تكنولوجيا المعلومات والاتصالات"),
    ("the gender digital divide", "الفجوة الرقمية بين الجنسين"),
    ("affordable smartphones", "الهواتف الذكية ميسورة التكلفة"),
    ("universal service funds", "صناديق الخدمة الشاملة"),
    ("submarine cables", "الكابلات البحرية"),
    ("5G networks", "شبكات الجيل الخامس"),
    ("TV white spaces", "المساحات البيضاء التلفزيونية"),
    ("Wi-Fi hotspots", "نقاط الاتصال اللاسلكي"),
    ("IPv6 deployment", "نشر الإصدار السادس من بروتوكول الإنترنت"),
    ("domain names in Arabic script", "أسماء النطاقات بالحروف العربية"),
    ("internet measurement", "قياس أداء الإنترنت"),
    ("blockchain", "سلسلة الكتل"),
    ("the internet of things", "إنترنت الأشياء"),
    ("machine translation", "الترجمة الآلية"),
    ("ethics of artificial intelligence", "أخلاقيات الذكاء الاصطناعي"),
    ("digital public goods", "المنافع العامة الرقمية"),
    ("digital public infrastructure", "البنية التحتية العامة الرقمية"),
    ("refurbished computers", "الحواسيب المجددة"),
    ("telecentres", "المراكز المجتمعية للاتصالات"),
    ("school libraries", "المكتبات المدرسية"),
    ("mobile libraries", "المكتبات المتنقلة"),
    ("hospital networks", "شبكات المستشفيات"),
    ("rural post offices", "مكاتب البريد الريفية"),
]

GROUPS = [
    ("farmers", "المزارعين"),
    ("women entrepreneurs", "رائدات الأعمال"),
    ("rural schools", "المدارس الريفية"),
    ("small businesses", "المؤسسات الصغيرة"),
    ("young people", "الشباب"),
    ("persons with disabilities", "الأشخاص ذوي الإعاقة"),
    ("refugees", "اللاجئين"),
    ("health workers", "العاملين الصحيين"),
    ("teachers", "المعلمين"),
    ("older persons", "كبار السن"),
    ("girls", "الفتيات"),
    ("university students", "طلاب الجامعات"),
    ("journalists", "الصحفيين"),
    ("smallholder farmers", "صغار المزارعين"),
    ("civil servants", "الموظفين الحكوميين"),
    ("librarians", "أمناء المكتبات"),
    ("nurses", "الممرضات"),
    ("fishing communities", "مجتمعات الصيادين"),
    ("local authorities", "السلطات المحلية"),
    ("patients", "المرضى"),
]

PLACES = [
    ("remote villages", "القرى النائية"),
    ("rural areas", "المناطق الريفية"),
    ("small island states", "الدول الجزرية الصغيرة"),
    ("least developed countries", "أقل البلدان نموا"),
    ("informal settlements", "الأحياء العشوائية"),
    ("mountain regions", "المناطق الجبلية"),
    ("border areas", "المناطق الحدودية"),
    ("coastal communities", "المجتمعات الساحلية"),
    ("the Sahel", "منطقة الساحل"),
    ("the Pacific islands", "جزر المحيط الهادئ"),
    ("the Arab region", "المنطقة العربية"),
    ("landlocked countries", "البلدان غير الساحلية"),
    ("desert regions", "المناطق الصحراوية"),
    ("refugee camps", "مخيمات اللاجئين"),
    ("secondary cities", "المدن الثانوية"),
]

ACTIVITIES = [
    ("hands-on workshops", "ورش عمل تطبيقية"),
    ("mentoring sessions", "جلسات إرشاد"),
    ("online courses", "دورات عبر الإنترنت"),
    ("hackathons", "مسابقات البرمجة"),
    ("awareness campaigns", "حملات التوعية"),
    ("policy dialogues", "حوارات حول السياسات"),
    ("field visits", "الزيارات الميدانية"),
    ("train-the-trainer programmes", "برامج تدريب المدربين"),
    ("radio programmes", "البرامج الإذاعية"),
    ("open data challenges", "تحديات البيانات المفتوحة"),
    ("a mobile library", "مكتبة متنقلة"),
    ("a helpline", "خط هاتفي للمساعدة"),
]

RESULTS = [
    ("a drop of forty percent in travel to clinics", "انخفاضا بنسبة أربعين في المئة في التنقل إلى العيادات"),
    ("higher school attendance", "ارتفاعا في نسبة الحضور المدرسي"),
    ("faster processing of permits", "تسريع إنجاز المعاملات الحكومية"),
    ("higher incomes for farmers", "زيادة دخل المزارعين"),
    ("better digital skills among teachers", "تحسن المهارات الرقمية لدى المعلمين"),
    ("fewer successful phishing attacks", "تراجع هجمات التصيد الاحتيالي"),
    ("more women owning a smartphone", "زيادة عدد النساء اللواتي يملكن هاتفا ذكيا"),
    ("cheaper internet subscriptions", "انخفاض أسعار الاشتراك في الإنترنت"),
]

BARRIERS = [
    ("the high cost of devices", "ارتفاع تكلفة الأجهزة"),
    ("unreliable electricity", "انقطاع الكهرباء"),
    ("low digital literacy", "ضعف محو الأمية الرقمية"),
    ("scarce spectrum", "محدودية الطيف الترددي"),
    ("the lack of local content", "قلة المحتوى المحلي"),
    ("the gender gap in mobile ownership", "الفجوة بين الجنسين في امتلاك الهواتف"),
    ("weak data protection laws", "ضعف قوانين حماية البيانات"),
]

PARTNERS = [
    ("the ministry of communications", "وزارة الاتصالات"),
    ("the ministry of health", "وزارة الصحة"),
    ("the ministry of education", "وزارة التربية والتعليم"),
    ("local universities", "الجامعات المحلية"),
    ("civil society organizations", "منظمات المجتمع المدني"),
    ("mobile operators", "شركات الاتصالات"),
    ("municipalities", "البلديات"),
    ("the national statistics office", "المكتب الوطني للإحصاء"),
    ("public libraries", "المكتبات العامة"),
    ("farmers' cooperatives", "التعاونيات الزراعية"),
]

ADJECTIVES = [
    ("Affordable", "ميسورة التكلفة"),
    ("Inclusive", "شاملة"),
    ("Sustainable", "مستدامة"),
    ("Community-led", "بقيادة المجتمع"),
    ("National", "وطنية"),
    ("Regional", "إقليمية"),
    ("Open", "مفتوحة"),
    ("Secure", "آمنة"),
    ("Low-cost", "منخفضة التكلفة"),
    ("Multilingual", "متعددة اللغات"),
    ("Solar-powered", "تعمل بالطاقة الشمسية"),
    ("Mobile", "متنقلة"),
]

EN_TITLES = [
    "{adj} {topic} for {group} in {place}",
    "{topic_cap} for {group}",
    "Connecting {group} in {place} through {topic}",
    "Empowering {group} with {topic} and {topic2}",
    "{adj} {topic}: a programme for {group}",
    "National strategy on {topic} and {topic2}",
    "Regional workshop on {topic} for {group}",
    "Toolkit on {topic} for {place}",
    "Bringing {topic} to {group} in {place}",
    "{topic_cap} and {topic2} in {place}",
]
AR_TITLES = [
    "{topic} لفائدة {group} في {place}",
    "مبادرة {topic} من أجل {group}",
    "مشروع لتعزيز {topic} في {place}",
    "تمكين {group} عبر {topic} و{topic2}",
    "الاستراتيجية الوطنية بشأن {topic} و{topic2}",
    "ورشة عمل إقليمية حول {topic} لفائدة {group}",
    "دليل عملي عن {topic} في {place}",
    "{topic} و{topic2} في {place}",
    "برنامج {topic} لدعم {group} في {place}",
]
EN_SENTENCES = [
    "The project helps {group} in {place} make use of {topic}.",
    "It was launched together with {partner} in {year} and covers {place}.",
    "More than {number} {group} have been trained in {topic} and {topic2} so far.",
    "The platform offers {topic} in local languages, on basic phones as well as smartphones.",
    "Activities include {activity}, {activity2} and {activity3}.",
    "An evaluation in {year} showed {result}.",
    "The next phase will extend {topic} to {place} and strengthen {topic2}.",
    "Funding comes from {partner} and a grant for {topic}.",
    "{topic_cap} remains difficult because of {barrier}.",
    "All the material is published as open educational resources for {group}.",
    "The initiative works with {partner} to reach {group} who are often left out.",
    "Lessons learned on {topic} are shared with other {place}.",
    "The work follows the WSIS Action Lines and contributes to the Sustainable Development Goals.",
]
AR_SENTENCES = [
    "يهدف المشروع إلى تمكين {group} في {place} من الاستفادة من {topic}.",
    "أطلقت المبادرة بالتعاون مع {partner} عام {year} وتشمل {place}.",
    "تم تدريب أكثر من {number} من {group} على {topic} و{topic2} حتى الآن.",
    "تقدم المنصة {topic} باللغة المحلية على الهواتف البسيطة والهواتف الذكية.",
    "تشمل الأنشطة {activity} و{activity2} و{activity3}.",
    "أظهر تقييم أجري عام {year} {result}.",
    "ستوسع المرحلة القادمة نطاق {topic} ليشمل {place} وتعزز {topic2}.",
    "يأتي التمويل من {partner} ومن منحة مخصصة لدعم {topic}.",
    "لا يزال {topic} يواجه صعوبات بسبب {barrier}.",
    "تنشر جميع المواد كموارد تعليمية مفتوحة لفائدة {group}.",
    "تعمل المبادرة مع {partner} للوصول إلى {group} الذين غالبا ما يتم تهميشهم.",
    "يتم تبادل الدروس المستفادة في مجال {topic} مع {place} الأخرى.",
    "يندرج العمل في إطار خطوط عمل القمة العالمية لمجتمع المعلومات ويسهم في تحقيق أهداف التنمية المستدامة.",
]

# What the benchmark types into the search box: words and short phrases of the texts above, a few common
# ones ("digital", "sustainable development") and two that no entry holds.
EN_QUERIES = [
    "digital", "libraries", "digital library", "rural", "connectivity", "e-health", "health", "e-learning",
    "cybersecurity", "broadband", "e-government", "open data", "community networks", "mobile banking",
    "literacy", "telemedicine", "agriculture", "farmers", "women", "women entrepreneurs", "identity",
    "children", "artificial intelligence", "data protection", "satellite", "schools", "skills", "commerce",
    "climate", "early warning", "open source", "spectrum", "disabilities", "cloud", "payments", "refugees",
    "teachers", "nurses", "hospital", "fibre", "workshop", "toolkit", "youth", "Sahel", "island", "radio",
    "sustainable development", "WSIS", "mobile money", "smart cities", "e-procurement", "blockchain",
    "internet of things", "submarine cables", "5G", "misinformation", "cyberbullying", "e-voting",
    "heritage", "archives", "irrigation", "livestock", "fisheries", "disaster", "interoperability",
    "privacy", "sign language", "machine translation", "startups", "telecentres", "IPv6", "Wi-Fi",
]  # fmt: skip
AR_QUERIES = [
    "المكتبات الرقمية", "مكتبة", "المكتبة", "والمكتبة", "الرقمية", "رقمي", "الريفية", "الاتصال",
    "الصحة الإلكترونية", "الصحه", "التعلم الالكتروني", "الأمن السيبراني", "الامن", "النطاق العريض",
    "الحكومة الإلكترونية", "البيانات المفتوحة", "الشبكات المجتمعية", "الهاتف المحمول", "محو الأمية",
    "الطب عن بعد", "الزراعة", "الزراعه", "المزارعين", "مزارعين", "المرأة", "رائدات الأعمال", "الهوية",
    "الأطفال", "الذكاء الاصطناعي", "حماية البيانات", "الأقمار الصناعية", "المدارس", "المهارات الرقمية",
    "التجارة", "المناخ", "الإنذار المبكر", "مفتوحة المصدر", "الطيف", "الإعاقة", "السحابية", "المدفوعات",
    "اللاجئين", "المعلمين", "المستشفى", "المستشفي", "الألياف", "ورشة", "الشباب", "الساحل", "الإذاعية",
    "التنمية المستدامة", "المدن الذكية", "المشتريات الإلكترونية", "سلسلة الكتل", "إنترنت الأشياء",
    "الكابلات البحرية", "الجيل الخامس", "المعلومات المضللة", "التنمر الالكتروني", "التصويت", "التراث",
    "الأرشيف", "الري", "الماشية", "مصايد الأسماك", "الكوارث", "التشغيل البيني", "الخصوصية",
    "لغة الإشارة", "الترجمة الآلية", "الشركات الناشئة", "الحواسيب", "الإنترنت", "الذكاء الاصطناعى",
]  # fmt: skip

ARABIC_DIACRITICS = "\u064e\u064f\u0650\u0651\u0652"


def arabic_variant(rng, word):
    """``word`` as someone might have typed it: the same word for the search, another string."""
    if word.startswith("ال") and len(word) > 4 and rng.random() < 0.12:
        word = word[2:]
    if rng.random() < 0.3:
        word = word.replace("أ", "ا").replace("إ", "ا")
    if word.endswith("ة") and rng.random() < 0.15:
        word = word[:-1] + "ه"
    if word.endswith("ى") and rng.random() < 0.3:
        word = word[:-1] + "ي"
    if len(word) > 3 and rng.random() < 0.06:
        at = rng.randrange(1, len(word))
        word = word[:at] + rng.choice(ARABIC_DIACRITICS) + word[at:]
    return word


class Writer:
    """Composes titles and descriptions; the Arabic spelling variants are drawn once and reused."""

    VARIANTS = 8

    def __init__(self, rng):
        self.rng = rng
        self.vocabulary = {
            "topic": TOPICS,
            "group": GROUPS,
            "place": PLACES,
            "activity": ACTIVITIES,
            "result": RESULTS,
            "barrier": BARRIERS,
            "partner": PARTNERS,
            "adj": ADJECTIVES,
        }
        # Some topics are written about far more than others (a Zipf-like law); other slots are uniform.
        self.cumulative = {
            slot: list(accumulate(1 / (rank + 10) if slot == "topic" else 1 for rank in range(len(pairs))))
            for slot, pairs in self.vocabulary.items()
        }
        # Arabic phrase → a few spellings of it, the usual one counted twice.
        self.spellings = {}
        for pairs in self.vocabulary.values():
            for _, arabic in pairs:
                self.spellings[arabic] = [arabic, arabic] + [
                    " ".join(arabic_variant(rng, word) for word in arabic.split())
                    for _ in range(self.VARIANTS - 2)
                ]

    def _fill(self, template, language):
        rng = self.rng
        index = 0 if language == "en" else 1
        values = {}
        for slot, pairs in self.vocabulary.items():
            if "{" + slot in template:
                chosen = []
                while len(chosen) < 3:
                    pair = rng.choices(pairs, cum_weights=self.cumulative[slot])[0]
                    if pair not in chosen:
                        chosen.append(pair)
                values[slot], values[slot + "2"], values[slot + "3"] = (pair[index] for pair in chosen)
        if language == "ar":
            values = {slot: rng.choice(self.spellings[text]) for slot, text in values.items()}
        else:
            values["topic_cap"] = values.get("topic", "")[:1].upper() + values.get("topic", "")[1:]
        values["year"] = rng.randint(2012, 2026)
        values["number"] = rng.choice((50, 120, 300, 500, 1200, 2000, 5000, 10000))
        return template.format(**values)

    def title(self, language):
        """A title of 5 to 12 words."""
        templates = EN_TITLES if language == "en" else AR_TITLES
        while True:
            text = self._fill(self.rng.choice(templates), language)
            if 5 <= len(text.split()) <= 12:
                return text

    def description(self, language):
        """A description of 40 to 120 words, a few sentences."""
        sentences = EN_SENTENCES if language == "en" else AR_SENTENCES
        target = self.rng.randint(40, 120)
        words, text = 0, []
        while words < target:
            sentence = self._fill(self.rng.choice(sentences), language)
            if words and words + len(sentence.split()) > 120:
                break
            text.append(sentence)
            words += len(sentence.split())
        return " ".join(text)


# Organisations: (English pattern, Arabic pattern) per stakeholder type; {x} a field, {lx} the field after
# the preposition ل (لل before the article), {c} a city.
ORGANISATION_PATTERNS = {
    "government": [
        ("Ministry of {x}", "وزارة {x}"),
        ("National {x} Agency", "الهيئة الوطنية {lx}"),
        ("{c} {x} Regulatory Authority", "هيئة تنظيم {x} في {c}"),
    ],
    "private_sector": [
        ("{c} Telecom", "اتصالات {c}"),
        ("{c} {x} Networks", "شبكات {c} {lx}"),
        ("{c} Digital Solutions", "حلول {c} الرقمية"),
    ],
    "civil_society": [
        ("{c} Foundation for {x}", "مؤسسة {c} {lx}"),
        ("Association for {x} in {c}", "جمعية {x} في {c}"),
        ("{c} Digital Rights Initiative", "مبادرة {c} للحقوق الرقمية"),
    ],
    "academia": [
        ("University of {c}", "جامعة {c}"),
        ("{c} Institute of {x}", "معهد {c} {lx}"),
        ("{x} Research Centre of {c}", "مركز أبحاث {x} في {c}"),
    ],
    "international_organization": [
        ("International Alliance for {x}", "التحالف الدولي {lx}"),
        ("{c} Regional Office for {x}", "المكتب الإقليمي {lx} في {c}"),
        ("Global Partnership for {x}", "الشراكة العالمية {lx}"),
    ],
}
FIELDS = [
    ("Communications", "الاتصالات"),
    ("Digital Economy", "الاقتصاد الرقمي"),
    ("Health", "الصحة"),
    ("Education", "التعليم"),
    ("Agriculture", "الزراعة"),
    ("Telecommunications", "الاتصالات السلكية واللاسلكية"),
    ("Innovation", "الابتكار"),
    ("Information Technology", "تقنية المعلومات"),
    ("Open Knowledge", "المعرفة المفتوحة"),
    ("Cybersecurity", "الأمن السيبراني"),
    ("Data", "البيانات"),
    ("Development", "التنمية"),
]
CITIES = [
    ("Nile", "النيل"), ("Atlas", "الأطلس"), ("Sahel", "الساحل"), ("Andes", "الأنديز"), ("Pacific", "الهادئ"),
    ("Danube", "الدانوب"), ("Mekong", "الميكونغ"), ("Zambezi", "الزمبيزي"), ("Caspian", "قزوين"),
    ("Amazon", "الأمازون"), ("Levant", "المشرق"), ("Maghreb", "المغرب العربي"), ("Gulf", "الخليج"),
    ("Kalahari", "كالاهاري"), ("Himalaya", "الهيمالايا"), ("Baltic", "البلطيق"), ("Sahara", "الصحراء"),
    ("Red Sea", "البحر الأحمر"), ("Euphrates", "الفرات"), ("Volta", "الفولتا"), ("Niger", "النيجر"),
    ("Indus", "السند"), ("Congo", "الكونغو"), ("Orinoco", "أورينوكو"), ("Tigris", "دجلة"),
]  # fmt: skip


def organisation_name(rng, stakeholder_type, language):
    """(name, acronym) of an invented organisation."""
    english, arabic = rng.choice(ORGANISATION_PATTERNS[stakeholder_type])
    field_en, field_ar = rng.choice(FIELDS)
    city_en, city_ar = rng.choice(CITIES)
    name_en = english.format(x=field_en, c=city_en)
    acronym = "".join(word[0] for word in name_en.replace("for", "").replace("of", "").split()).upper()
    if language == "ar":
        after_li = "لل" + field_ar[2:] if field_ar.startswith("ال") else "ل" + field_ar
        return arabic.format(x=field_ar, lx=after_li, c=city_ar), acronym if rng.random() < 0.6 else ""
    return name_en, acronym
