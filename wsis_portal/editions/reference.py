"""WSIS reference data, in English and Arabic: loaded by a migration, so every database has it."""

# (code, English, Arabic); C7's e-applications follow their parent.
ACTION_LINES = [
    (
        "C1",
        "The role of public governance authorities and all stakeholders in the promotion of ICTs for development",
        "دور السلطات الحكومية وجميع أصحاب المصلحة في النهوض بتكنولوجيا المعلومات والاتصالات من أجل التنمية",
    ),
    ("C2", "Information and communication infrastructure", "البنية التحتية للمعلومات والاتصالات"),
    ("C3", "Access to information and knowledge", "النفاذ إلى المعلومات والمعارف"),
    ("C4", "Capacity building", "بناء القدرات"),
    (
        "C5",
        "Building confidence and security in the use of ICTs",
        "بناء الثقة والأمن في استعمال تكنولوجيا المعلومات والاتصالات",
    ),
    ("C6", "Enabling environment", "البيئة التمكينية"),
    (
        "C7",
        "ICT applications: benefits in all aspects of life",
        "تطبيقات تكنولوجيا المعلومات والاتصالات: الفوائد في جميع جوانب الحياة",
    ),
    ("C7.1", "E-government", "الحكومة الإلكترونية"),
    ("C7.2", "E-business", "الأعمال التجارية الإلكترونية"),
    ("C7.3", "E-learning", "التعلّم الإلكتروني"),
    ("C7.4", "E-health", "الصحة الإلكترونية"),
    ("C7.5", "E-employment", "العمل الإلكتروني"),
    ("C7.6", "E-environment", "البيئة الإلكترونية"),
    ("C7.7", "E-agriculture", "الزراعة الإلكترونية"),
    ("C7.8", "E-science", "العلوم الإلكترونية"),
    (
        "C8",
        "Cultural diversity and identity, linguistic diversity and local content",
        "التنوع والهوية الثقافيان والتنوع اللغوي والمحتوى المحلي",
    ),
    ("C9", "Media", "وسائط الإعلام"),
    ("C10", "Ethical dimensions of the Information Society", "الأبعاد الأخلاقية لمجتمع المعلومات"),
    ("C11", "International and regional cooperation", "التعاون الدولي والإقليمي"),
]

SDGS = [
    (1, "No poverty", "القضاء على الفقر"),
    (2, "Zero hunger", "القضاء التام على الجوع"),
    (3, "Good health and well-being", "الصحة الجيدة والرفاه"),
    (4, "Quality education", "التعليم الجيد"),
    (5, "Gender equality", "المساواة بين الجنسين"),
    (6, "Clean water and sanitation", "المياه النظيفة والنظافة الصحية"),
    (7, "Affordable and clean energy", "طاقة نظيفة وبأسعار معقولة"),
    (8, "Decent work and economic growth", "العمل اللائق ونمو الاقتصاد"),
    (9, "Industry, innovation and infrastructure", "الصناعة والابتكار والهياكل الأساسية"),
    (10, "Reduced inequalities", "الحد من أوجه عدم المساواة"),
    (11, "Sustainable cities and communities", "مدن ومجتمعات محلية مستدامة"),
    (12, "Responsible consumption and production", "الاستهلاك والإنتاج المسؤولان"),
    (13, "Climate action", "العمل المناخي"),
    (14, "Life below water", "الحياة تحت الماء"),
    (15, "Life on land", "الحياة في البر"),
    (16, "Peace, justice and strong institutions", "السلام والعدل والمؤسسات القوية"),
    (17, "Partnerships for the goals", "عقد الشراكات لتحقيق الأهداف"),
]

GDC_OBJECTIVES = [
    (
        1,
        "Close all digital divides and accelerate progress across the SDGs",
        "سد جميع الفجوات الرقمية وتسريع التقدم نحو تحقيق أهداف التنمية المستدامة",
    ),
    (
        2,
        "Expand inclusion in and benefits from the digital economy for all",
        "توسيع الإدماج في الاقتصاد الرقمي وتعميم فوائده على الجميع",
    ),
    (
        3,
        "Foster an inclusive, open, safe and secure digital space that respects, protects and promotes human rights",
        "تعزيز فضاء رقمي شامل ومفتوح وآمن ومأمون يحترم حقوق الإنسان ويحميها ويعززها",
    ),
    (
        4,
        "Advance responsible, equitable and interoperable data governance approaches",
        "النهوض بنُهج مسؤولة ومنصفة وقابلة للتشغيل البيني في حوكمة البيانات",
    ),
    (
        5,
        "Enhance international governance of artificial intelligence for the benefit of humanity",
        "تعزيز الحوكمة الدولية للذكاء الاصطناعي لصالح البشرية",
    ),
]
