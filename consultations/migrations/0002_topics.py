"""The topics contributions are tagged with, in English and Arabic; the secretariat may add more."""

from django.db import migrations

TOPICS = [
    ("digital-inclusion", "Digital inclusion and meaningful connectivity", "الإدماج الرقمي والتوصيلية المجدية"),
    ("ai", "Artificial intelligence for sustainable development", "الذكاء الاصطناعي من أجل التنمية المستدامة"),
    ("trust", "Confidence and security in the use of ICTs", "بناء الثقة والأمن في استعمال تكنولوجيا المعلومات والاتصالات"),
    ("skills", "Digital skills and capacity building", "المهارات الرقمية وبناء القدرات"),
    ("gender", "Gender equality and women's empowerment", "المساواة بين الجنسين وتمكين المرأة"),
    ("environment", "ICTs, climate and the environment", "تكنولوجيا المعلومات والاتصالات والمناخ والبيئة"),
    ("data", "Data governance and digital public infrastructure", "حوكمة البيانات والبنية التحتية الرقمية العامة"),
    ("youth", "Youth and the next generations", "الشباب والأجيال القادمة"),
    ("languages", "Cultural diversity, languages and local content", "التنوع الثقافي واللغات والمحتوى المحلي"),
    ("wsis-beyond-2025", "WSIS beyond 2025 and the Global Digital Compact", "القمة بعد عام 2025 والميثاق الرقمي العالمي"),
    ("forum-format", "Format and organization of the Forum", "نسق المنتدى وتنظيمه"),
]


def add_topics(apps, schema_editor):
    Topic = apps.get_model("consultations", "Topic")
    for position, (code, english, arabic) in enumerate(TOPICS, start=1):
        Topic.objects.update_or_create(
            code=code, defaults={"position": position, "name": english, "name_en": english, "name_ar": arabic}
        )


class Migration(migrations.Migration):
    dependencies = [("consultations", "0001_initial")]
    operations = [migrations.RunPython(add_topics, migrations.RunPython.noop)]
