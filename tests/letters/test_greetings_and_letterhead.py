"""How a letter opens and closes by whom it goes to, the contact's and signatory's names in the letter's
language, and the letterhead the secretariat sets in the admin (its emblem checked as every upload is)."""

import io
import re
import subprocess
from importlib import import_module

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation
from PIL import Image

from tests.factories import SecretariatFactory, UserFactory
from wsis_portal.letters import greetings, pdf, services
from wsis_portal.letters.models import Letterhead

from .factories import CircularLetterFactory

pytestmark = pytest.mark.django_db
DIRECTION_MARKS = dict.fromkeys(range(0x202A, 0x202F))
LETTERHEADS = "/en/admin/letters/letterhead/"
ARABIC_WORD = re.compile(r"[\u0621-\u065F\u0670-\u06D3]+")


def arabic_words(text):
    """The Arabic words of ``text`` in order: pdftotext moves commas and spaces around Arabic ones."""
    return " ".join(ARABIC_WORD.findall(text))


def text_of(content, *options):
    out = subprocess.run(["pdftotext", *options, "-", "-"], input=content, capture_output=True, check=True)
    return " ".join(out.stdout.decode().translate(DIRECTION_MARKS).split())


def png(size=(40, 40)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (29, 79, 145)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "addressees, salutation, closing",
    [
        (
            ["ministers"],
            "صاحب المعالي / صاحبة المعالي،\nتحية طيبة وبعد،",
            "وتفضلوا، صاحب المعالي / صاحبة المعالي، بقبول فائق التقدير والاحترام.",
        ),
        (
            ["ministers", "governments"],
            "صاحب المعالي / صاحبة المعالي،\nتحية طيبة وبعد،",
            "وتفضلوا، صاحب المعالي / صاحبة المعالي، بقبول فائق التقدير والاحترام.",
        ),
        (
            ["stakeholders", "ministers"],
            "حضرات السادة والسيدات،\nتحية طيبة وبعد،",
            "وتفضلوا بقبول فائق التقدير والاحترام.",
        ),
        (["governments"], "حضرات السادة والسيدات،\nتحية طيبة وبعد،", "وتفضلوا بقبول فائق التقدير والاحترام."),
    ],
)
def test_a_letter_opens_and_closes_by_its_addressee_groups(addressees, salutation, closing):
    with translation.override("ar"):
        greeting = greetings.for_letter(CircularLetterFactory.build(addressees=addressees))
        assert (greeting.salutation, greeting.closing) == (salutation, closing)


def test_english_letters_to_ministers_say_excellency():
    with translation.override("en"):
        greeting = greetings.for_letter(CircularLetterFactory.build(addressees=["ministers"]))
    assert (greeting.salutation, greeting.closing) == (
        "Excellency,",
        "Please accept, Excellency, the assurances of my highest consideration.",
    )


def test_the_arabic_letter_to_ministers_opens_with_both_forms_and_greets_on_a_line_of_its_own():
    text = text_of(pdf.render(CircularLetterFactory(addressees=["ministers"]), "ar"))
    opening = "مساهمات صاحب المعالي صاحبة المعالي تحية طيبة وبعد ندعوكم"  # the subject ends, the body starts
    assert opening in arabic_words(text)
    assert "حضرات السادة والسيدات" not in text


def test_the_arabic_letter_names_its_contact_and_signatory_in_arabic():
    letter = CircularLetterFactory()
    arabic, english = text_of(pdf.render(letter, "ar")), text_of(pdf.render(letter, "en"))
    assert "ليلى حداد" in arabic and "أمينة ديالو" in arabic
    assert "Leila Haddad" not in arabic and "Amina Diallo" not in arabic
    assert "Leila Haddad" in english and "Amina Diallo" in english


def test_a_corrigendum_keeps_the_names_in_every_language(django_capture_on_commit_callbacks):
    clerk = SecretariatFactory()
    letter = services.issue(CircularLetterFactory(), clerk)
    copy = services.corrigendum(letter, clerk)
    assert (copy.contact_name_ar, copy.signatory_name_ar) == ("ليلى حداد", "أمينة ديالو")
    assert (copy.contact_name_en, copy.signatory_name_en) == ("Leila Haddad", "Amina Diallo")


@pytest.mark.django_db(transaction=True)
def test_the_migration_names_existing_letters_alike_in_every_language():
    executor = MigrationExecutor(connection)
    executor.migrate([("letters", "0004_private_annex")])
    old = executor.loader.project_state([("letters", "0004_private_annex")]).apps
    old.get_model("letters", "CircularLetter").objects.create(
        reference="CL-25/001", contact_name="Gitanjali Sah", contact_email="a@example.org",
        subject="S", body="B", signatory_name="Doreen Bogdan-Martin", signatory_title="SG",
    )  # fmt: skip
    executor = MigrationExecutor(connection)
    executor.migrate([("letters", "0005_translated_names_and_letterhead")])
    new = executor.loader.project_state([("letters", "0005_translated_names_and_letterhead")]).apps
    row = new.get_model("letters", "CircularLetter").objects.values().get()
    assert [row[f"contact_name_{code}"] for code in ("ar", "en")] == ["Gitanjali Sah"] * 2
    assert [row[f"signatory_name_{code}"] for code in ("ar", "en")] == ["Doreen Bogdan-Martin"] * 2
    assert import_module("wsis_portal.letters.migrations.0005_translated_names_and_letterhead").NAMES == (
        "contact_name",
        "signatory_name",
    )


def test_without_a_letterhead_the_letter_carries_the_itu_name_and_address():
    text = text_of(pdf.render(CircularLetterFactory(), "ar"))
    assert text.startswith("الاتحاد الدولي للاتصالات الأمانة العامة")
    assert "ساحة الأمم" in text and "سويسرا" in text


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def letterhead_form(emblem):
    return {
        "organisation_en": "World Telecommunication Office",
        "organisation_ar": "المكتب العالمي للاتصالات",
        "office_en": "Secretariat",
        "office_ar": "الأمانة",
        "address_en": "1 Avenue of Nations\n1200 Geneva, Switzerland",
        "address_ar": "1 شارع الأمم\n1200 جنيف، سويسرا",
        "emblem": emblem,
        "active": "on",
    }


def test_the_secretariat_sets_a_letterhead_whose_emblem_and_address_every_page_carries(admin_client):
    response = admin_client.post(
        f"{LETTERHEADS}add/", letterhead_form(SimpleUploadedFile("emblem.png", png()))
    )
    assert response.status_code == 302
    letter = CircularLetterFactory(body_ar="\n\n".join(["فقرة من نص الرسالة."] * 40))
    content = pdf.render(letter, "ar")
    images = subprocess.run(["pdfimages", "-list", "-"], input=content, capture_output=True, check=True)
    assert [line.split()[3:5] for line in images.stdout.decode().splitlines()[2:]] == [["40", "40"]]
    assert text_of(content, "-f", "1", "-l", "1").startswith("المكتب العالمي للاتصالات الأمانة")
    for page in ("1", "2"):
        assert "شارع الأمم جنيف سويسرا" in arabic_words(text_of(content, "-f", page, "-l", page))
    english = text_of(pdf.render(letter, "en"))
    assert english.startswith("World Telecommunication Office Secretariat")
    assert "1 Avenue of Nations 1200 Geneva, Switzerland" in english


@pytest.mark.parametrize(
    "upload, error",
    [
        (SimpleUploadedFile("emblem.gif", b"GIF89a" + bytes(64)), "Only these file types are accepted"),
        (SimpleUploadedFile("emblem.png", b"\xff\xd8\xff" + bytes(64)), "The file&#x27;s content is not PNG"),
        (SimpleUploadedFile("emblem.png", png((1500, 1500)) + bytes(600 * 1024)), "The file is too large"),
    ],
)
def test_an_emblem_is_checked_as_every_upload(admin_client, upload, error):
    response = admin_client.post(f"{LETTERHEADS}add/", letterhead_form(upload))
    assert response.status_code == 200
    assert error in response.content.decode()
    assert Letterhead.objects.count() == 0


def test_putting_a_letterhead_in_use_retires_the_one_before():
    first = Letterhead.objects.create(organisation_en="A", organisation_ar="أ")
    second = Letterhead.objects.create(organisation_en="B", organisation_ar="ب")
    assert list(Letterhead.objects.filter(active=True)) == [second]
    first.refresh_from_db()
    assert first.active is False
    with pytest.raises(IntegrityError):
        Letterhead.objects.filter(pk=first.pk).update(active=True)


def test_the_letter_form_asks_for_the_names_in_every_language(admin_client):
    page = admin_client.get("/en/admin/letters/circularletter/add/").content.decode()
    for name in ("contact_name_en", "contact_name_ar", "signatory_name_en", "signatory_name_ar"):
        assert f'name="{name}"' in page


def test_the_letterhead_screen_speaks_arabic(admin_client):
    page = admin_client.get("/ar/admin/letters/letterhead/add/").content.decode()
    for label in ("إضافة الترويسة", "الشعار", "قيد الاستعمال", "ملف PNG أو JPEG لا يتجاوز حجمه 512 كيلوبايت"):
        assert label in page


def test_a_letter_is_not_rendered_without_the_emblem_chosen(django_capture_on_commit_callbacks):
    Letterhead.objects.create(organisation_en="A", organisation_ar="أ", emblem="letters/letterhead/gone.png")
    letter = CircularLetterFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.issue(letter, SecretariatFactory())
    # Each PDF's reason is written in its language, as the rest of it.
    assert sorted(letter.pdfs.values_list("language", "status", "error")) == [
        ("ar", "failed", "تعذّرت قراءة شعار الترويسة: يُرجى تحميله من جديد."),
        ("en", "failed", "The letterhead's emblem cannot be read: upload it again."),
    ]
