"""What becomes of an uploaded file's name: the request parser keeps its last part without unprintable
characters, the check refuses what is still not a plain name, the storage writes a clean name, and the
download sends that name as an attachment that browsers may not sniff. The requests are written by hand:
Django's test client would clean the names before sending them."""

import re

import pytest

from forum_events.models import SlotRequest
from stocktaking.models import Entry
from tests.forum_events.test_invitation import new_request
from tests.stocktaking.test_participant import form_data as entry_data
from tests.uploads.files import PDF, PNG, stored

pytestmark = pytest.mark.django_db

BOUNDARY = "wsis-upload-boundary"
BAD_NAME = {
    "en": (
        "Rename the file: its name must be a plain file name, without folders or invisible characters, "
        "of at most 100 characters."
    ),
    "ar": (
        "أعد تسمية الملف: يجب أن يكون اسمه اسمَ ملف بسيطاً، دون مجلدات أو محارف غير مرئية، "
        "وألا يتجاوز عدد محارفه 100."
    ),
}


def stored_as(name, kept):
    """Whether the storage kept the name, or the name with the suffix it adds when the name is taken."""
    stem, extension = kept.rsplit(".", 1)
    return re.fullmatch(rf"{re.escape(stem)}(_[A-Za-z0-9]{{7}})?\.{extension}", name) is not None


def multipart(fields: dict, field: str, filename: str, content: bytes) -> bytes:
    """A form posted as a browser would, with the file's name exactly as given."""
    parts = []
    for key, value in fields.items():
        for one in value if isinstance(value, list) else [value]:
            parts.append(
                f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{one}\r\n'.encode()
            )
    parts.append(
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{field}"; filename="{filename}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    return b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()


def post_entry(client, owner, filename, language="en", content=PDF):
    fields = entry_data(owner)
    return client.post(
        f"/{language}/stocktaking/mine/new/",
        multipart(fields, "attachment", filename, content),
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
    )


@pytest.mark.parametrize(
    ("filename", "kept"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\windows\\win.ini.pdf", "win.ini.pdf"),
        ("C:\\x\\y.pdf", "y.pdf"),
        ("/var/www/index.pdf", "index.pdf"),
        ("..&#x2F;..&#x2F;passwd.pdf", "passwd.pdf"),
        ("photo\u202egnp.pdf", "photognp.pdf"),
        ("state\x1bment\x7f.pdf", "statement.pdf"),
        ("\u200fبيان\u200e الوزارة.pdf", "بيان_الوزارة.pdf"),
        ("my report (final) <b>.pdf", "my_report_final_b.pdf"),
    ],
)
def test_stored_name_is_a_clean_last_part_and_the_download_sends_it(client, owner, filename, kept):
    client.force_login(owner)
    response = post_entry(client, owner, filename)
    assert response.status_code == 302
    entry = Entry.objects.get()
    folder, name = entry.attachment.name.rsplit("/", 1)
    assert folder.split("/")[0] == "stocktaking"
    assert stored_as(name, kept)
    download = client.get(f"/en/stocktaking/entries/{entry.pk}/attachment/")
    assert (download.status_code, download["Content-Type"], download["X-Content-Type-Options"]) == (
        200,
        "application/pdf",
        "nosniff",
    )
    assert download["Content-Disposition"].split(";")[0] == "attachment"
    assert download.filename == name
    assert b"".join(download.streaming_content) == PDF


@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize("filename", ["C:y.pdf", "report.pdf:payload", ".pdf"])
def test_name_still_not_plain_after_the_parser_is_refused_and_nothing_stored(
    client, owner, filename, language
):
    client.force_login(owner)
    before = stored("default")
    response = post_entry(client, owner, filename, language)
    assert response.status_code == 400
    assert response.context["form"].errors["attachment"] == [BAD_NAME[language]]
    assert not Entry.objects.exists()
    assert stored("default") == before


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Ensure this filename has at most 100 characters (it has 150)."),
        ("ar", "تأكد أن إسم هذا الملف يحتوي على 100 حرف على الأكثر (هو يحتوي الآن على 150 حرف)."),
    ],
)
def test_name_too_long_is_refused_and_nothing_stored(client, owner, language, message):
    client.force_login(owner)
    before = stored("default")
    response = post_entry(client, owner, "a" * 146 + ".pdf", language)
    assert response.status_code == 400
    assert response.context["form"].errors["attachment"] == [message]
    assert not Entry.objects.exists()
    assert stored("default") == before


@pytest.mark.parametrize("field", ["statement", "photo"])
def test_minister_file_is_sent_as_a_clean_attachment_that_may_not_be_sniffed(
    client, session, request_page, field
):
    invitation, url = request_page
    filename, content, kept = {
        "statement": ("..\\..\\statement\u202efdp.pdf", PDF, "statementfdp.pdf"),
        "photo": ("../../photo (1).png", PNG, "photo_1.png"),
    }[field]
    fields = {**new_request(session), "new-statement_language": "ar"}
    response = client.post(
        url("en"),
        multipart(fields, f"new-{field}", filename, content),
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
    )
    assert response.status_code == 302
    slot_request = SlotRequest.objects.get(invitation=invitation)
    name = getattr(slot_request, field).name.rsplit("/", 1)[-1]
    assert stored_as(name, kept)
    page = client.get(url("en")).content.decode()
    link = f"/{slot_request.pk}/{field}/"
    href = next(part.split('"', 1)[0] for part in page.split('href="')[1:] if link in part.split('"', 1)[0])
    download = client.get(href)
    assert (download.status_code, download["X-Content-Type-Options"], download.filename) == (
        200,
        "nosniff",
        name,
    )
    assert download["Content-Disposition"].split(";")[0] == "attachment"
    assert b"".join(download.streaming_content) == content
