"""The secretariat's review screens: filters and search, decisions one by one or in bulk (with a comment
asked for on an intermediate page), exports of the selection and the import of legacy entries."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from stocktaking import exports, imports
from stocktaking.models import Entry
from tests.factories import OrganisationFactory, SecretariatFactory, UserFactory
from tests.stocktaking.factories import EntryFactory, PublishedEntryFactory, SubmittedEntryFactory
from wsis_portal.lifecycle.models import AuditEntry
from wsis_portal.mail.models import OutboundMail

pytestmark = pytest.mark.django_db

CHANGELIST = "/en/admin/stocktaking/entry/"


@pytest.fixture
def clerk(client):
    clerk = SecretariatFactory()
    client.force_login(clerk)
    return clerk


@pytest.fixture
def entries(db):
    return {
        "submitted": SubmittedEntryFactory(
            title="Community networks",
            owner=UserFactory(email="amina@example.org"),
            organisation=OrganisationFactory(name="Community Networks Alliance", stakeholder_type="academia"),
            stakeholder_type="academia",
            action_lines=["C2"],
            countries=["KE"],
            regions=["africa"],
            sdgs=[9],
            kind="initiative",
        ),
        "published": PublishedEntryFactory(
            title="Digital library",
            action_lines=["C3"],
            countries=["EG"],
            regions=["arab-states"],
            sdgs=[4],
            year=2025,
            external_id="legacy-7",
        ),
        "draft": EntryFactory(
            title="Unfinished draft", action_lines=["C4"], countries=["FR"], regions=["europe"]
        ),
    }


def listed(response):
    return sorted(entry.title for entry in response.context["cl"].result_list)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("state__exact=submitted", ["Community networks"]),
        ("state__exact=draft", ["Unfinished draft"]),
        ("action_line=C3", ["Digital library"]),
        ("sdg=9", ["Community networks"]),
        ("country=EG", ["Digital library"]),
        ("region=europe", ["Unfinished draft"]),
        ("stakeholder_type__exact=academia", ["Community networks"]),
        ("year=2025", ["Digital library"]),
        ("kind__exact=initiative", ["Community networks"]),
        ("action_line=C2&country=EG", []),
    ],
)
def test_list_filters(client, clerk, entries, query, expected):
    response = client.get(f"{CHANGELIST}?{query}")
    assert response.status_code == 200
    assert listed(response) == expected


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("WSIS-ST-2026-00002", ["Digital library"]),
        ("library", ["Digital library"]),
        ("Community Networks Alliance", ["Community networks"]),
        ("amina@example.org", ["Community networks"]),
        ("legacy-7", ["Digital library"]),
    ],
)
def test_search(client, clerk, entries, q, expected):
    assert listed(client.get(CHANGELIST, {"q": q})) == expected


def test_country_filter_offers_the_countries_in_use(client, clerk, entries):
    choices = client.get(CHANGELIST).context["cl"].filter_specs[3].lookup_choices
    assert [code for code, _name in choices] == ["EG", "FR", "KE"]


@pytest.mark.parametrize("count", [1, 3])
def test_list_query_count_does_not_grow_with_entries(client, clerk, django_assert_num_queries, count):
    SubmittedEntryFactory.create_batch(count, countries=["KE"])
    client.get(CHANGELIST)
    # session, user, permissions, the counts, the page, the dates and the filter choices
    with django_assert_num_queries(11):
        response = client.get(CHANGELIST)
    assert len(response.context["cl"].result_list) == count


def select(action, *entries, **extra):
    return {"action": action, "_selected_action": [entry.pk for entry in entries], **extra}


def messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_bulk_approval_publishes_each_entry_through_the_services(client, clerk):
    chosen = SubmittedEntryFactory.create_batch(2)
    response = client.post(CHANGELIST, select("approve_selected", *chosen))
    assert response.status_code == 302
    assert messages(response) == ["2 entries done."]
    assert set(Entry.objects.values_list("state", flat=True)) == {"accepted"}
    assert AuditEntry.objects.filter(action="accepted").count() == 2
    assert OutboundMail.objects.count() == 2


def test_bulk_approval_reports_what_could_not_be_done(client, clerk):
    submitted, draft = SubmittedEntryFactory(), EntryFactory()
    response = client.post(CHANGELIST, select("approve_selected", submitted, draft))
    assert messages(response) == [
        "1 entry done.",
        f"{draft.pk}: This was changed in the meantime (it is now “Draft”): reload the page.",
    ]
    assert Entry.objects.get(pk=draft.pk).state == "draft"


@pytest.mark.parametrize(
    ("action", "state"), [("return_selected", "returned"), ("reject_selected", "rejected")]
)
def test_bulk_return_and_rejection_ask_for_a_comment_first(client, clerk, action, state):
    chosen = SubmittedEntryFactory.create_batch(2)
    page = client.post(CHANGELIST, select(action, *chosen))
    assert page.status_code == 200
    html = page.content.decode()
    assert '<textarea name="comment"' in html
    assert f'<input type="hidden" name="action" value="{action}">' in html
    assert set(Entry.objects.values_list("state", flat=True)) == {"submitted"}
    response = client.post(CHANGELIST, select(action, *chosen, apply="1", comment="Add the dates."))
    assert response.status_code == 302
    assert set(Entry.objects.values_list("state", "review_comment")) == {(state, "Add the dates.")}


def test_bulk_return_without_a_comment_asks_again(client, clerk):
    entry = SubmittedEntryFactory()
    response = client.post(CHANGELIST, select("return_selected", entry, apply="1", comment="  "))
    assert response.status_code == 200
    assert messages(response) == ["Write what should change, or why the entries are not accepted."]
    assert Entry.objects.get(pk=entry.pk).state == "submitted"


def test_change_page_of_a_submitted_entry_offers_the_review_form(client, clerk):
    entry = SubmittedEntryFactory()
    html = client.get(f"{CHANGELIST}{entry.pk}/change/").content.decode()
    assert f'formaction="/en/admin/stocktaking/entry/{entry.pk}/review/"' in html
    assert 'name="decision"' in html


def test_change_page_of_a_published_entry_offers_no_review(client, clerk):
    entry = PublishedEntryFactory()
    response = client.get(f"{CHANGELIST}{entry.pk}/change/")
    assert response.status_code == 200
    assert "/review/" not in response.content.decode()


def test_review_form_records_the_decision(client, clerk):
    entry = SubmittedEntryFactory()
    response = client.post(f"{CHANGELIST}{entry.pk}/review/", {"decision": "return", "comment": "Add dates."})
    assert response["Location"] == f"{CHANGELIST}{entry.pk}/change/"
    entry.refresh_from_db()
    assert (entry.state, entry.review_comment, entry.decided_by) == ("returned", "Add dates.", clerk)


def test_review_without_the_comment_it_needs_changes_nothing(client, clerk):
    entry = SubmittedEntryFactory()
    response = client.post(f"{CHANGELIST}{entry.pk}/review/", {"decision": "reject", "comment": ""})
    assert response["Location"] == f"{CHANGELIST}{entry.pk}/change/"
    assert messages(response) == ["Write what should change, or why the entry is not accepted."]
    assert Entry.objects.get(pk=entry.pk).state == "submitted"


def test_approving_a_revision_leads_to_the_published_entry(client, clerk):
    published = PublishedEntryFactory(title="Old title")
    revision = SubmittedEntryFactory(revision_of=published, title="New title", owner=published.owner)
    response = client.post(f"{CHANGELIST}{revision.pk}/review/", {"decision": "approve"})
    assert response["Location"] == f"{CHANGELIST}{published.pk}/change/"
    assert Entry.objects.get(pk=published.pk).title == "New title"
    assert not Entry.objects.filter(pk=revision.pk).exists()


def test_change_page_of_a_revision_links_the_published_entry(client, clerk):
    published = PublishedEntryFactory()
    revision = SubmittedEntryFactory(revision_of=published)
    html = client.get(f"{CHANGELIST}{revision.pk}/change/").content.decode()
    assert f'href="/en/admin/stocktaking/entry/{published.pk}/change/"' in html


def test_selected_entries_are_exported_as_csv_with_their_state(client, clerk, entries):
    response = client.post(CHANGELIST, select("export_csv", entries["submitted"], entries["draft"]))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0] == ["state", *exports.COLUMNS]
    assert sorted((row[0], row[2]) for row in rows[1:]) == [
        ("draft", "Unfinished draft"),
        ("submitted", "Community networks"),
    ]


def test_selected_entries_are_exported_as_xlsx(client, clerk, entries):
    response = client.post(CHANGELIST, select("export_xlsx", entries["published"]))
    assert response["Content-Disposition"] == 'attachment; filename="wsis-stocktaking-review.xlsx"'
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    assert rows[0] == ("state", *exports.COLUMNS)
    assert rows[1][:4] == ("accepted", "WSIS-ST-2026-00002", "Digital library", "A description of the work.")


def test_xlsx_export_never_turns_a_title_into_a_formula(client, clerk):
    entry = SubmittedEntryFactory(title='=HYPERLINK("https://evil.example","Click")')
    response = client.post(CHANGELIST, select("export_xlsx", entry))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cell = sheet.cell(row=2, column=3)
    assert (cell.value, cell.data_type) == ('=HYPERLINK("https://evil.example","Click")', "s")


# Who may review


@pytest.fixture
def viewer(client):
    """Staff who may look at entries but hold no secretariat role."""
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_entry"))
    client.force_login(viewer)
    return viewer


def test_staff_without_the_secretariat_role_sees_no_review_action(client, viewer):
    SubmittedEntryFactory()
    actions = [
        name for name, _label in client.get(CHANGELIST).context["action_form"].fields["action"].choices
    ]
    assert actions == ["", "export_csv", "export_xlsx"]


def test_staff_without_the_secretariat_role_cannot_review(client, viewer):
    entry = SubmittedEntryFactory()
    assert client.post(f"{CHANGELIST}{entry.pk}/review/", {"decision": "approve"}).status_code == 403
    client.post(CHANGELIST, select("approve_selected", entry))
    assert Entry.objects.get(pk=entry.pk).state == "submitted"
    assert "/review/" not in client.get(f"{CHANGELIST}{entry.pk}/change/").content.decode()


def test_stakeholder_cannot_reach_the_review(client):
    entry = SubmittedEntryFactory()
    client.force_login(entry.owner)
    response = client.post(f"{CHANGELIST}{entry.pk}/review/", {"decision": "approve"})
    assert response.status_code == 302
    assert Entry.objects.get(pk=entry.pk).state == "submitted"


# Import


def legacy_csv(*rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=imports.COLUMNS)
    writer.writeheader()
    for external_id, kind in rows:
        writer.writerow(
            {
                "external_id": external_id,
                "kind": kind,
                "title": f"Legacy {external_id}",
                "description": "Imported.",
                "language": "en",
                "organisation": "Legacy Org",
                "stakeholder_type": "academia",
                "is_global": "yes",
                "action_lines": "C4",
                "work_status": "completed",
                "year": "2015",
            }
        )
    return SimpleUploadedFile("legacy.csv", ("\ufeff" + buffer.getvalue()).encode(), "text/csv")


def test_import_page_imports_a_file(client, clerk):
    response = client.post(f"{CHANGELIST}import/", {"file": legacy_csv(("a", "project"), ("b", "event"))})
    assert response.status_code == 200
    assert "2 entries created and 0 updated." in response.content.decode()
    assert sorted(Entry.objects.published().values_list("external_id", flat=True)) == ["a", "b"]
    assert set(AuditEntry.objects.filter(action="imported").values_list("actor", flat=True)) == {clerk.pk}


def test_import_page_lists_the_bad_rows_and_imports_nothing(client, clerk):
    response = client.post(f"{CHANGELIST}import/", {"file": legacy_csv(("a", "project"), ("b", "poem"))})
    html = response.content.decode()
    assert "Nothing was imported" in html
    assert "Line 3: kind must be one of project, initiative, event, publication." in html
    assert not Entry.objects.exists()


def test_import_page_refuses_a_file_that_is_not_utf8(client, clerk):
    upload = SimpleUploadedFile("legacy.csv", "external_id\nété".encode("latin-1"), "text/csv")
    response = client.post(f"{CHANGELIST}import/", {"file": upload})
    assert response.status_code == 200
    assert "The file is not UTF-8 text" in response.content.decode()
    assert not Entry.objects.exists()


def test_import_page_is_for_those_who_may_add_entries(client, viewer):
    assert client.get(f"{CHANGELIST}import/").status_code == 403
