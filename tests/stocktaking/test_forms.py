"""The entry form refuses what cannot be published, each time with a translated message, and nothing is
saved; uploaded files are checked by their content, not only by their name."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from stocktaking.forms import EntryForm, ReviewForm
from stocktaking.models import Entry
from tests.factories import OrganisationFactory, UserFactory
from tests.stocktaking.factories import EntryFactory
from wsis_portal.editions.models import ActionLine
from wsis_portal.stakeholders.models import Region

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 16
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 16


def archive(*names):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zipped:
        for name in names:
            zipped.writestr(name, "<xml/>")
    return buffer.getvalue()


DOCX = archive("[Content_Types].xml", "word/document.xml")


def pk(code):
    return ActionLine.objects.get(code=code).pk


@pytest.fixture
def organisation(db):
    return OrganisationFactory()


@pytest.fixture
def user(organisation):
    """A confirmed focal point of ``organisation``."""
    return UserFactory(organisation=organisation)


@pytest.fixture
def data(organisation):
    return {
        "kind": "project",
        "title": "Digital library on wheels",
        "description": "Buses with computers visit remote villages.",
        "language": "en",
        "organisation": organisation.pk,
        "countries": ["EG"],
        "action_lines": [pk("C3"), pk("C4")],
        "main_action_line": pk("C4"),
        "work_status": "ongoing",
    }


def form_for(user, data, upload=None, instance=None):
    files = {"attachment": upload} if upload is not None else None
    return EntryForm(data, files, instance=instance or Entry(), user=user)


def errors(user, data, upload=None):
    form = form_for(user, data, upload)
    assert not form.is_valid()
    return form.errors.get_json_data()


def messages_of(user, data, upload=None):
    return {field: [e["message"] for e in found] for field, found in errors(user, data, upload).items()}


def test_complete_form_is_valid(user, data):
    form = form_for(user, data)
    assert form.is_valid(), form.errors
    assert [line.code for line in form.content()["action_lines"]] == ["C3", "C4"]


def test_missing_action_line_is_refused(user, data):
    data["action_lines"] = []
    data["main_action_line"] = ""
    assert messages_of(user, data) == {"action_lines": ["Choose at least one action line."]}


def test_main_action_line_must_be_among_those_chosen(user, data):
    data["main_action_line"] = pk("C9")
    assert messages_of(user, data) == {
        "main_action_line": ["The main action line must be one of the action lines chosen."]
    }


def test_work_without_coverage_is_refused(user, data):
    data["countries"] = []
    assert messages_of(user, data) == {
        "is_global": ["Say where the work takes place: worldwide, or in which regions or countries."]
    }


@pytest.mark.parametrize(
    "coverage",
    [{"is_global": "on"}, {"regions": ["arab-states"]}, {"countries": ["JO"]}],
)
def test_any_one_coverage_is_enough(user, data, coverage):
    data["countries"] = []
    if "regions" in coverage:
        coverage = {"regions": [Region.objects.get(code="arab-states").pk]}
    assert form_for(user, {**data, **coverage}).is_valid()


def test_end_before_start_is_refused(user, data):
    data.update(start_date="2026-05-01", end_date="2026-04-30")
    assert messages_of(user, data) == {"end_date": ["The end date is before the start date."]}


def test_end_on_the_start_day_is_accepted(user, data):
    data.update(start_date="2026-05-01", end_date="2026-05-01")
    assert form_for(user, data).is_valid()


def test_description_over_the_limit_is_refused(user, data):
    data["description"] = "x" * 5001
    assert messages_of(user, data) == {"description": ["Keep the description under 5000 characters."]}


def test_organisation_proposed_by_someone_else_cannot_be_chosen(user, data):
    data["organisation"] = OrganisationFactory(is_verified=False, proposed_by=UserFactory()).pk
    assert list(errors(user, data)) == ["organisation"]


def test_organisation_of_the_user_is_offered_first(organisation):
    user = UserFactory(organisation=organisation)
    assert EntryForm(instance=Entry(), user=user).initial["organisation"] == organisation.pk


def test_form_of_an_entry_starts_with_its_tags(user):
    entry = EntryFactory(action_lines=["C4", "C3"], countries=["EG"], sdgs=[4])
    initial = EntryForm(instance=entry, user=user).initial
    assert (sorted(initial["action_lines"]), initial["main_action_line"], initial["countries"]) == (
        sorted([pk("C3"), pk("C4")]),
        pk("C4"),
        ["EG"],
    )


# Uploads


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", PDF),
        ("REPORT.PDF", PDF),
        ("photo.png", PNG),
        ("photo.jpg", JPEG),
        ("photo.jpeg", JPEG),
        ("notes.docx", DOCX),
    ],
)
def test_file_of_an_accepted_type_is_accepted(user, data, name, content):
    assert form_for(user, data, SimpleUploadedFile(name, content)).is_valid()


@pytest.mark.parametrize("name", ["setup.exe", "report", "report.pdf.html", "notes.doc"])
def test_file_of_another_type_is_refused(user, data, name):
    assert messages_of(user, data, SimpleUploadedFile(name, PDF)) == {
        "attachment": ["Only these file types are accepted: DOCX, JPEG, PDF, PNG."]
    }


@pytest.mark.parametrize(
    ("name", "content", "label"),
    [
        ("report.pdf", PNG, "PDF"),
        ("photo.png", JPEG, "PNG"),
        ("photo.jpg", b"<html><script>alert(1)</script>", "JPEG"),
        ("notes.docx", PDF, "DOCX"),
    ],
)
def test_content_that_is_not_what_the_extension_says_is_refused(user, data, name, content, label):
    assert messages_of(user, data, SimpleUploadedFile(name, content)) == {
        "attachment": [f"The file's content is not {label}, whatever its name says."]
    }


def test_zip_archive_that_is_not_a_word_document_is_refused_as_docx(user, data):
    upload = SimpleUploadedFile("notes.docx", archive("payload/readme.txt"))
    assert messages_of(user, data, upload) == {
        "attachment": ["The file's content is not DOCX, whatever its name says."]
    }


def test_file_over_the_limit_is_refused(user, data, settings):
    settings.UPLOAD_MAX_BYTES = 2048
    upload = SimpleUploadedFile("report.pdf", PDF.ljust(2049, b" "))
    assert messages_of(user, data, upload) == {
        "attachment": ["The file is too large (2.0\xa0KB); the limit is 2.0\xa0KB."]
    }


def test_file_at_the_limit_is_accepted(user, data, settings):
    settings.UPLOAD_MAX_BYTES = 2048
    assert form_for(user, data, SimpleUploadedFile("report.pdf", PDF.ljust(2048, b" "))).is_valid()


def test_default_limit_is_five_megabytes(user, data):
    upload = SimpleUploadedFile("report.pdf", PDF.ljust(6 * 1024 * 1024, b" "))
    assert messages_of(user, data, upload) == {
        "attachment": ["The file is too large (6.0\xa0MB); the limit is 5.0\xa0MB."]
    }


def test_checked_file_is_read_again_from_its_start(user, data):
    upload = SimpleUploadedFile("notes.docx", DOCX)
    form = form_for(user, data, upload)
    assert form.is_valid()
    assert form.cleaned_data["attachment"].read() == DOCX


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"action_lines": [], "main_action_line": ""}, {"action_lines": ["اختر خط عمل واحداً على الأقل."]}),
        (
            {"main_action_line": "C9"},
            {"main_action_line": ["يجب أن يكون خط العمل الرئيسي أحد خطوط العمل المختارة."]},
        ),
        (
            {"countries": []},
            {"is_global": ["حدّد أين يجري العمل: على الصعيد العالمي، أو في أي المناطق أو البلدان."]},
        ),
        (
            {"start_date": "2026-05-01", "end_date": "2026-04-30"},
            {"end_date": ["تاريخ الانتهاء يسبق تاريخ البدء."]},
        ),
    ],
)
def test_errors_are_translated_into_arabic(user, data, change, expected):
    if change.get("main_action_line") == "C9":
        change = {"main_action_line": pk("C9")}
    with translation.override("ar"):
        assert messages_of(user, {**data, **change}) == expected


def test_upload_errors_are_translated_into_arabic(user, data):
    with translation.override("ar"):
        assert messages_of(user, data, SimpleUploadedFile("report.pdf", PNG)) == {
            "attachment": ["محتوى الملف ليس من نوع PDF، أياً كان اسمه."]
        }


# Review


def test_review_return_needs_a_comment():
    form = ReviewForm({"decision": "return", "comment": " "})
    assert not form.is_valid()
    assert form.errors["comment"] == ["Write what should change, or why the entry is not accepted."]


def test_review_approval_needs_no_comment():
    assert ReviewForm({"decision": "approve"}).is_valid()
