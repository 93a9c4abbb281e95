from datetime import date

import factory

from wsis_portal.letters.models import CircularLetter


class CircularLetterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CircularLetter

    date = date(2026, 1, 15)
    addressees = ["stakeholders", "governments"]
    contact_name_en = "Leila Haddad"
    contact_name_ar = "ليلى حداد"
    contact_phone = "+41 22 555 0100"
    contact_email = "wsis-contact@example.org"
    subject_en = "WSIS Forum 2026: call for contributions"
    subject_ar = "منتدى القمة العالمية لمجتمع المعلومات لعام 2026: دعوة إلى تقديم مساهمات"
    body_en = "I am pleased to invite you to the **WSIS Forum 2026**.\n\n- Governments\n- Civil society"
    body_ar = "ندعوكم إلى المشاركة في **منتدى القمة** في جنيف.\n\n- الحكومات\n- المجتمع المدني"
    signatory_name_en = "Amina Diallo"
    signatory_name_ar = "أمينة ديالو"
    signatory_title_en = "Secretary-General"
    signatory_title_ar = "الأمينة العامة"
