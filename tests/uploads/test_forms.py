"""Every form that receives a file refuses a file of the wrong type with the right extension, a file over
the limit, a file that is also something else and a DOCX that inflates too far (a ZIP bomb), with the
exact message in Arabic and in English, and stores nothing: no file in the storage, no row added or
changed. The forms: the stocktaking entry (attachment), the high-level track request through the
invitation link and through the protocol office's account (statement and photo), and the circular letter
in the admin (annex)."""

from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from forum_events.models import SlotRequest
from stocktaking.models import Entry
from tests.factories import UserFactory
from tests.forum_events.test_invitation import change, new_request
from tests.letters.test_admin import form_data as letter_data
from tests.stocktaking.test_participant import form_data as entry_data
from tests.uploads.files import DOCX, JPEG, MEBIBYTE, PDF, PNG, ZIP_TRAILER, docx, docx_of_zeros, pdf, stored
from wsis_portal.letters.models import CircularLetter

pytestmark = pytest.mark.django_db

LIMIT = 4096
PDF_WITH_SCRIPT = pdf(b"<</Type /Catalog /OpenAction 2 0 R>>", b"<</S /JavaScript /JS (app.alert(1))>>")

MESSAGES = {
    "en": {
        "content": "The file's content is not {label}, whatever its name says.",
        "active": (
            "The file is not a plain {label}: it also holds a script, a web page, macros or another file. "
            "Save it again as a plain {label} and send it again."
        ),
        "size": "The file is too large (5.0\xa0KB); the limit is 4.0\xa0KB.",
        "inflates": (
            "When opened, the file expands to far more data than a {label} document holds, or into too many "
            "parts. Save it again as a plain {label}, or split it into smaller files, and send it again."
        ),
    },
    "ar": {
        "content": "محتوى الملف ليس من نوع {label}، أياً كان اسمه.",
        "active": (
            "الملف ليس ملف {label} عادياً: فهو يحتوي أيضاً على نص برمجي أو صفحة ويب أو وحدات ماكرو أو ملف آخر. "
            "احفظه مجدداً بصيغة {label} عادية ثم أرسله من جديد."
        ),
        "size": "الملف كبير جداً (5.0\xa0ك.ب)؛ والحد الأقصى 4.0\xa0ك.ب.",
        "inflates": (
            "عند فتحه يتمدد الملف إلى بيانات تفوق بكثير ما يحتويه مستند {label}، أو إلى عدد كبير جداً من "
            "الأجزاء. احفظه مجدداً بصيغة {label} عادية، أو قسّمه إلى ملفات أصغر، ثم أرسله من جديد."
        ),
    },
}


@dataclass(frozen=True)
class Bad:
    """A file a field must refuse, and which message says why."""

    name: str
    content: bytes
    message: str
    label: str

    def upload(self):
        return SimpleUploadedFile(self.name, self.content)

    def text(self, language):
        return MESSAGES[language][self.message].format(label=self.label)


OVERSIZE_PDF = PDF.ljust(5 * 1024, b"\n")
BAD_PDFS = [
    Bad("statement.pdf", PNG, "content", "PDF"),
    Bad("statement.pdf", OVERSIZE_PDF, "size", "PDF"),
    Bad("statement.pdf", PDF + ZIP_TRAILER, "active", "PDF"),
    Bad("statement.pdf", PDF_WITH_SCRIPT, "active", "PDF"),
]
BAD_DOCX = [
    Bad("statement.docx", PDF, "content", "DOCX"),
    Bad("statement.docx", docx({"word/vbaProject.bin": b"\xcc"}), "active", "DOCX"),
    # 2.6 KB that inflate to 2 MB: under the 4 KB limit, a thousand times its compressed size
    Bad("statement.docx", docx_of_zeros(2 * MEBIBYTE), "inflates", "DOCX"),
]
BAD_IMAGES = [
    Bad("photo.png", JPEG, "content", "PNG"),
    Bad("photo.jpg", PNG, "content", "JPEG"),
    Bad("photo.png", PNG.ljust(5 * 1024, b"\x00"), "size", "PNG"),
    Bad("photo.png", PNG + b"<script>alert(1)</script>", "active", "PNG"),
    Bad("photo.jpg", JPEG + ZIP_TRAILER, "active", "JPEG"),
]
LANGUAGES = ["ar", "en"]


def cases(bad_files):
    return [
        pytest.param(bad, language, id=f"{language}-{bad.name}-{bad.message}-{index}")
        for index, bad in enumerate(bad_files)
        for language in LANGUAGES
    ]


@pytest.fixture(autouse=True)
def _small_limit(settings):
    settings.UPLOAD_MAX_BYTES = LIMIT


@pytest.fixture
def nothing_stored():
    """Asserts, after the test, that neither storage holds a file it did not hold before."""
    before = {name: stored(name) for name in ("default", "private")}
    yield
    assert {name: stored(name) for name in ("default", "private")} == before


# The stocktaking entry


@pytest.mark.parametrize(("bad", "language"), cases(BAD_PDFS + BAD_DOCX + BAD_IMAGES))
def test_stocktaking_attachment_is_refused_and_nothing_stored(client, owner, nothing_stored, bad, language):
    client.force_login(owner)
    response = client.post(f"/{language}/stocktaking/mine/new/", entry_data(owner, attachment=bad.upload()))
    assert response.status_code == 400
    assert response.context["form"].errors["attachment"] == [bad.text(language)]
    assert not Entry.objects.exists()


@pytest.mark.parametrize("language", LANGUAGES)
def test_stocktaking_attachment_replaced_by_a_bad_file_is_kept(client, owner, language):
    client.force_login(owner)
    client.post("/en/stocktaking/mine/new/", entry_data(owner, attachment=SimpleUploadedFile("r.pdf", PDF)))
    entry = Entry.objects.get()
    before = stored("default")
    bad = BAD_PDFS[3]
    response = client.post(
        f"/{language}/stocktaking/mine/{entry.pk}/edit/",
        entry_data(owner, title="Changed", attachment=bad.upload()),
    )
    assert response.status_code == 400
    assert response.context["form"].errors["attachment"] == [bad.text(language)]
    changed = Entry.objects.get()
    assert (changed.title, changed.attachment.name, changed.updated_at) == (
        "Mobile digital libraries",
        entry.attachment.name,
        entry.updated_at,
    )
    assert stored("default") == before


# The high-level track: through the invitation link and through the protocol office's account


@pytest.mark.parametrize(
    ("field", "bad", "language"),
    [
        pytest.param(field, *case.values, id=f"{field}-{case.id}")
        for field, bad_files in (("statement", BAD_PDFS + BAD_DOCX), ("photo", BAD_IMAGES))
        for case in cases(bad_files)
    ],
)
def test_minister_statement_or_photo_is_refused_and_nothing_stored(
    client, session, request_page, nothing_stored, field, bad, language
):
    invitation, url = request_page
    response = client.post(url(language), {**new_request(session), f"new-{field}": bad.upload()})
    assert response.status_code == 400
    assert response.context["new_form"].errors[field] == [bad.text(language)]
    assert not SlotRequest.objects.filter(invitation=invitation).exists()


@pytest.mark.parametrize("language", LANGUAGES)
def test_minister_statement_replaced_by_a_bad_file_is_kept(client, session, request_page, language):
    invitation, url = request_page
    client.post(url("en"), {**new_request(session), "new-statement": SimpleUploadedFile("first.pdf", PDF)})
    slot_request = SlotRequest.objects.get(invitation=invitation)
    before = stored("private")
    bad = BAD_PDFS[2]
    response = client.post(
        url(language),
        {
            **change(slot_request, speaker_title="Minister of ICT"),
            f"request-{slot_request.pk}-statement": bad.upload(),
        },
    )
    assert response.status_code == 400
    assert response.context["requests"][0].form.errors["statement"] == [bad.text(language)]
    kept = SlotRequest.objects.get()
    assert (kept.speaker_title, kept.statement.name, kept.updated_at) == (
        slot_request.speaker_title,
        slot_request.statement.name,
        slot_request.updated_at,
    )
    assert stored("private") == before


# The circular letter's annex in the admin


@pytest.fixture
def secretariat(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))


@pytest.mark.parametrize(("bad", "language"), cases(BAD_PDFS + [Bad("annex.pdf", DOCX, "content", "PDF")]))
def test_letter_annex_is_refused_and_nothing_stored(client, secretariat, nothing_stored, bad, language):
    response = client.post(f"/{language}/admin/letters/circularletter/add/", letter_data(annex=bad.upload()))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["annex"] == [bad.text(language)]
    assert not CircularLetter.objects.exists()


def test_letter_annex_replaced_by_a_bad_file_is_kept(client, secretariat):
    client.post(
        "/en/admin/letters/circularletter/add/", letter_data(annex=SimpleUploadedFile("annex.pdf", PDF))
    )
    letter = CircularLetter.objects.get()
    before = stored("default")
    response = client.post(
        f"/ar/admin/letters/circularletter/{letter.pk}/change/",
        letter_data(subject_en="Changed", annex=BAD_PDFS[3].upload()),
    )
    assert response.context["adminform"].form.errors["annex"] == [BAD_PDFS[3].text("ar")]
    kept = CircularLetter.objects.get()
    assert (kept.subject_en, kept.annex.name) == ("WSIS Forum 2026", letter.annex.name)
    assert stored("default") == before
