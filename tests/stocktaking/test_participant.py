"""A stakeholder's own entries: create a draft, save it, submit it; nobody else's; a published entry is
changed through its revision."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from stocktaking import services
from stocktaking.models import Entry
from tests.factories import EditionFactory, FocalPointFactory, OrganisationFactory, PhaseFactory, UserFactory
from tests.stocktaking.factories import EntryFactory, PublishedEntryFactory, SubmittedEntryFactory
from wsis_portal.editions.models import ActionLine
from wsis_portal.mail.models import OutboundMail

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"


@pytest.fixture
def owner(db):
    return UserFactory(organisation=OrganisationFactory(name="Nile Digital Inclusion Forum"))


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner)
    return client


def form_data(owner, **changes):
    return {
        "kind": "project",
        "title": "Mobile digital libraries",
        "description": "Buses with computers visit remote villages every week.",
        "language": "en",
        "organisation": owner.organisation_id,
        "countries": ["EG"],
        "action_lines": [ActionLine.objects.get(code="C3").pk],
        "work_status": "ongoing",
        "save": "",
        **changes,
    }


def flash(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_new_entry_form_is_shown_with_the_users_organisation(signed_in, owner):
    response = signed_in.get("/en/stocktaking/mine/new/")
    assert response.status_code == 200
    assert response.context["form"].initial["organisation"] == owner.organisation_id


def test_saving_creates_a_draft_and_comes_back_to_it(signed_in, owner):
    response = signed_in.post("/en/stocktaking/mine/new/", form_data(owner))
    entry = Entry.objects.get()
    assert response["Location"] == f"/en/stocktaking/mine/{entry.pk}/edit/"
    assert (entry.state, entry.owner, entry.title) == ("draft", owner, "Mobile digital libraries")
    assert flash(response) == ["Your draft has been saved."]


def test_saving_again_changes_the_draft(signed_in, owner):
    entry = EntryFactory(owner=owner, organisation=owner.organisation)
    signed_in.post(f"/en/stocktaking/mine/{entry.pk}/edit/", form_data(owner, title="Renamed"))
    entry.refresh_from_db()
    assert (entry.title, entry.state, Entry.objects.count()) == ("Renamed", "draft", 1)


def test_save_and_submit_sends_the_entry_with_its_reference(signed_in, owner):
    data = form_data(owner)
    del data["save"]
    response = signed_in.post("/en/stocktaking/mine/new/", {**data, "submit": ""})
    entry = Entry.objects.get()
    assert response["Location"] == f"/en/stocktaking/mine/{entry.pk}/"
    assert (entry.state, entry.reference) == ("submitted", "WSIS-ST-2026-00001")
    assert flash(response) == ["Your entry has been sent to the secretariat (reference WSIS-ST-2026-00001)."]


def test_submit_button_of_the_detail_page_submits(signed_in, owner):
    entry = EntryFactory(owner=owner)
    response = signed_in.post(f"/en/stocktaking/mine/{entry.pk}/submit/")
    assert response["Location"] == f"/en/stocktaking/mine/{entry.pk}/"
    assert Entry.objects.get(pk=entry.pk).state == "submitted"


def test_invalid_form_is_shown_again_and_saves_nothing(signed_in, owner):
    response = signed_in.post("/en/stocktaking/mine/new/", form_data(owner, action_lines=[]))
    assert response.status_code == 400
    assert "Choose at least one action line." in response.content.decode()
    assert not Entry.objects.exists()


DOCX_LOOKALIKE = b"PK\x03\x04" + b"\x00" * 30


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"action_lines": []}, "اختر خط عمل واحداً على الأقل."),
        ({"main_action_line": "C9"}, "يجب أن يكون خط العمل الرئيسي أحد خطوط العمل المختارة."),
        ({"countries": []}, "حدّد أين يجري العمل: على الصعيد العالمي، أو في أي المناطق أو البلدان."),
        ({"start_date": "2026-05-01", "end_date": "2026-04-30"}, "تاريخ الانتهاء يسبق تاريخ البدء."),
        ({"attachment": ("report.pdf", PDF.ljust(6 * 1024 * 1024, b" "))}, "الملف كبير جداً"),
        ({"attachment": ("report.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)}, "محتوى الملف ليس من نوع PDF"),
        ({"attachment": ("notes.docx", DOCX_LOOKALIKE)}, "محتوى الملف ليس من نوع DOCX"),
        ({"attachment": ("setup.exe", PDF)}, "لا تُقبل إلا أنواع الملفات التالية: DOCX، JPEG، PDF، PNG."),
    ],
)
def test_each_refusal_is_explained_in_arabic_and_saves_nothing(signed_in, owner, change, message):
    if "main_action_line" in change:
        change = {"main_action_line": ActionLine.objects.get(code="C9").pk}
    if "attachment" in change:
        change = {"attachment": SimpleUploadedFile(*change["attachment"])}
    response = signed_in.post("/ar/stocktaking/mine/new/", form_data(owner, **change))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Entry.objects.exists()


def test_attachment_is_stored_with_the_draft(signed_in, owner):
    signed_in.post("/en/stocktaking/mine/new/", form_data(owner, attachment=SimpleUploadedFile("r.pdf", PDF)))
    entry = Entry.objects.get()
    assert entry.attachment.name.startswith("stocktaking/")
    assert entry.attachment.read() == PDF


def test_clearing_the_attachment_removes_it(signed_in, owner):
    signed_in.post("/en/stocktaking/mine/new/", form_data(owner, attachment=SimpleUploadedFile("r.pdf", PDF)))
    entry = Entry.objects.get()
    signed_in.post(f"/en/stocktaking/mine/{entry.pk}/edit/", form_data(owner, **{"attachment-clear": "on"}))
    entry.refresh_from_db()
    assert entry.attachment.name == ""


@pytest.mark.parametrize(
    "url",
    ["/en/stocktaking/mine/{pk}/", "/en/stocktaking/mine/{pk}/edit/"],
)
def test_someone_elses_entry_is_not_found(signed_in, url):
    entry = EntryFactory()
    assert signed_in.get(url.format(pk=entry.pk)).status_code == 404


def test_someone_elses_entry_cannot_be_changed_or_submitted(signed_in, owner):
    entry = EntryFactory(title="Not mine")
    assert signed_in.post(f"/en/stocktaking/mine/{entry.pk}/edit/", form_data(owner)).status_code == 404
    assert signed_in.post(f"/en/stocktaking/mine/{entry.pk}/submit/").status_code == 404
    entry.refresh_from_db()
    assert (entry.title, entry.state) == ("Not mine", "draft")


def test_focal_point_edits_an_entry_of_the_organisation(client):
    focal_point = FocalPointFactory(status="confirmed")
    entry = EntryFactory(organisation=focal_point.organisation)
    client.force_login(focal_point.user)
    assert client.get(f"/en/stocktaking/mine/{entry.pk}/edit/").status_code == 200


def test_submitted_entry_is_not_editable(signed_in, owner):
    entry = SubmittedEntryFactory(owner=owner)
    response = signed_in.get(f"/en/stocktaking/mine/{entry.pk}/edit/")
    assert response["Location"] == f"/en/stocktaking/mine/{entry.pk}/"
    assert flash(response) == ["This entry is with the secretariat; it cannot be changed now."]


def test_editing_a_published_entry_leads_to_its_revision(signed_in, owner):
    entry = PublishedEntryFactory(owner=owner, organisation=owner.organisation)
    response = signed_in.get(f"/en/stocktaking/mine/{entry.pk}/edit/")
    revision = entry.revisions.get()
    assert response["Location"] == f"/en/stocktaking/mine/{revision.pk}/edit/"
    assert signed_in.get(f"/en/stocktaking/mine/{entry.pk}/edit/")["Location"] == response["Location"]


def test_saving_a_revision_leaves_the_published_entry(signed_in, owner):
    entry = PublishedEntryFactory(owner=owner, organisation=owner.organisation, title="Published title")
    revision = services.revision_for(entry, owner)
    signed_in.post(f"/en/stocktaking/mine/{revision.pk}/edit/", form_data(owner, title="Proposed title"))
    assert Entry.objects.get(pk=revision.pk).title == "Proposed title"
    assert Entry.objects.get(pk=entry.pk).title == "Published title"
    page = signed_in.get(f"/en/stocktaking/entries/{entry.pk}/").content.decode()
    assert "Published title" in page
    assert "Proposed title" not in page


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Submissions to the stocktaking are closed for this edition."),
        ("ar", "أُغلق باب التقديم إلى منصة التقييم لهذه الدورة."),
    ],
)
def test_submission_after_the_deadline_is_refused_with_a_translated_message(
    signed_in, owner, language, message
):
    now = timezone.now()
    PhaseFactory(
        edition=EditionFactory(year=now.year),
        process="stocktaking",
        key="submissions",
        opens_at=now - timedelta(days=9),
        closes_at=now - timedelta(days=1),
    )
    entry = EntryFactory(owner=owner)
    response = signed_in.post(f"/{language}/stocktaking/mine/{entry.pk}/submit/")
    assert flash(response) == [message]
    assert Entry.objects.get(pk=entry.pk).state == "draft"
    assert not OutboundMail.objects.exists()


def test_my_entries_lists_mine_and_my_organisations_with_open_revisions(client):
    focal_point = FocalPointFactory(status="confirmed", user__email="focal@example.org")
    user = focal_point.user
    EntryFactory(owner=user, title="My own draft")
    published = PublishedEntryFactory(organisation=focal_point.organisation, title="Organisation entry")
    services.revision_for(published, user)
    EntryFactory(title="Somebody else's")
    client.force_login(user)
    entries = list(client.get("/en/stocktaking/mine/").context["entries"])
    assert sorted(entry.title for entry in entries) == ["My own draft", "Organisation entry"]
    assert [len(entry.open_revisions) for entry in entries if entry.title == "Organisation entry"] == [1]


@pytest.mark.parametrize("count", [1, 3])
def test_my_entries_query_count_does_not_grow_with_entries(client, django_assert_num_queries, count):
    user = UserFactory()
    for entry in PublishedEntryFactory.create_batch(count, owner=user):
        services.revision_for(entry, user)
    client.force_login(user)
    # session, user, entries, their open revisions
    with django_assert_num_queries(4):
        response = client.get("/en/stocktaking/mine/")
    assert len(response.context["entries"]) == count


def test_owner_edits_the_revision_a_focal_point_opened(client):
    owner = UserFactory()
    entry = PublishedEntryFactory(owner=owner)
    focal_point = FocalPointFactory(organisation=entry.organisation, status="confirmed")
    revision = services.revision_for(entry, focal_point.user)
    client.force_login(owner)
    assert (
        client.get(f"/en/stocktaking/mine/{entry.pk}/edit/")["Location"]
        == f"/en/stocktaking/mine/{revision.pk}/edit/"
    )
    assert client.get(f"/en/stocktaking/mine/{revision.pk}/edit/").status_code == 200


def test_saving_again_without_a_new_file_keeps_the_attachment(signed_in, owner):
    signed_in.post("/en/stocktaking/mine/new/", form_data(owner, attachment=SimpleUploadedFile("r.pdf", PDF)))
    entry = Entry.objects.get()
    name = entry.attachment.name
    response = signed_in.post(f"/en/stocktaking/mine/{entry.pk}/edit/", form_data(owner, title="Renamed"))
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.title, entry.attachment.name) == ("Renamed", name)
