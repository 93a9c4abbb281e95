"""The secretariat's review queues for the open consultation: filters and search, decisions one by one or
in bulk through the services (a comment, a reason or a target asked for on an intermediate page), the
read-only content, exports of the list, and who may do what; the consultation itself with its meetings."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from openpyxl import load_workbook

from consultations import exports
from consultations.models import Consultation, Contribution, FacilitatorNomination, Meeting, WorkshopRequest
from forum_events.models import Session
from tests.consultations.factories import (
    OPEN,
    ConsultationFactory,
    ContributionFactory,
    NominationFactory,
    WorkshopRequestFactory,
    submitted,
)
from tests.factories import EditionFactory, OrganisationFactory, PhaseFactory, SecretariatFactory, UserFactory
from wsis_portal.lifecycle.models import AuditEntry
from wsis_portal.mail.models import OutboundMail
from wsis_portal.stakeholders.models import Region

pytestmark = pytest.mark.django_db

ADMIN = "/en/admin/consultations/"
CONTRIBUTIONS = f"{ADMIN}contribution/"
WORKSHOPS = f"{ADMIN}workshoprequest/"
NOMINATIONS = f"{ADMIN}facilitatornomination/"


@pytest.fixture(autouse=True)
def before_the_deadline(time_machine):
    time_machine.move_to(OPEN, tick=False)


@pytest.fixture
def clerk(client):
    clerk = SecretariatFactory()
    client.force_login(clerk)
    return clerk


def region(code):
    return Region.objects.get(code=code)


@pytest.fixture
def contributions(db):
    """Three contributions of the 2026 consultation told apart by every filter, and one of 2025."""
    networks = submitted(
        ContributionFactory(
            title="Community networks",
            text="Give the last mile its own session.",
            owner=UserFactory(email="amina@example.org"),
            organisation=OrganisationFactory(
                name="Community Networks Alliance", stakeholder_type="civil_society", country="SN"
            ),
            region=region("africa"),
            topics=["digital-inclusion"],
            action_lines=["C2"],
        )
    )
    content = submitted(
        ContributionFactory(
            title="Arabic content online",
            organisation=OrganisationFactory(
                name="Ministry of Communications", stakeholder_type="government", country="EG"
            ),
            region=region("arab-states"),
            topics=["languages", "ai"],
            action_lines=["C8", "C3"],
            kind=Contribution.Kind.FORMAT,
        )
    )
    draft = ContributionFactory(
        title="Unfinished draft",
        organisation=OrganisationFactory(name="Datacorp", stakeholder_type="private_sector", country="FR"),
        region=None,
        stakeholder_type="",
        topics=["ai"],
        action_lines=["C3"],
    )
    older = ContributionFactory(
        title="Last year's idea",
        consultation=ConsultationFactory(edition=EditionFactory(year=2025)),
        topics=["ai"],
        action_lines=["C3"],
    )
    return {"networks": networks, "content": content, "draft": draft, "older": older}


def listed(response):
    return sorted(str(item) for item in response.context["cl"].result_list)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("state=submitted", ["Arabic content online", "Community networks"]),
        ("state=draft", ["Last year's idea", "Unfinished draft"]),
        ("state=counted&edition=2026", ["Arabic content online", "Community networks"]),
        ("kind__exact=format", ["Arabic content online"]),
        ("stakeholder_type=government", ["Arabic content online"]),
        ("stakeholder_type=none", ["Unfinished draft"]),
        ("topic=ai", ["Arabic content online", "Last year's idea", "Unfinished draft"]),
        ("topic=digital-inclusion", ["Community networks"]),
        ("action_line=C8", ["Arabic content online"]),
        ("action_line=C3&topic=languages", ["Arabic content online"]),
        ("country=SN&edition=2026", ["Community networks"]),
        ("region=arab-states", ["Arabic content online"]),
        ("region=none&edition=2026", ["Unfinished draft"]),
        ("edition=2025", ["Last year's idea"]),
        ("action_line=C2&country=EG", []),
    ],
)
def test_contribution_filters(client, clerk, contributions, query, expected):
    response = client.get(f"{CONTRIBUTIONS}?{query}")
    assert response.status_code == 200
    assert listed(response) == expected


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("WSIS-OCP-2026-00002", ["Arabic content online"]),
        ("content online", ["Arabic content online"]),
        ("last mile", ["Community networks"]),
        ("Ministry of Communications", ["Arabic content online"]),
        ("amina@example.org", ["Community networks"]),
    ],
)
def test_contribution_search(client, clerk, contributions, q, expected):
    assert listed(client.get(CONTRIBUTIONS, {"q": q})) == expected


def test_country_filter_offers_the_countries_in_use_by_name(client, clerk, contributions):
    spec = next(
        spec
        for spec in client.get(CONTRIBUTIONS).context["cl"].filter_specs
        if getattr(spec, "parameter_name", "") == "country"
    )
    assert [(code, str(name)) for code, name in spec.lookup_choices] == [
        ("EG", "Egypt"),
        ("FR", "France"),
        ("SN", "Senegal"),
    ]


def test_list_shows_what_the_secretariat_needs_and_the_title_in_its_direction(client, clerk, contributions):
    html = client.get(f"{CONTRIBUTIONS}?state=submitted").content.decode()
    assert '<span dir="auto" lang="en">Community networks</span>' in html
    assert f'<bdi class="nowrap">{contributions["networks"].reference}</bdi>' in html
    assert [name for name in client.get(CONTRIBUTIONS).context["cl"].list_display] == [
        "action_checkbox",
        "reference_code",
        "title_text",
        "organisation",
        "stakeholder_type",
        "state",
        "submitted_at",
    ]


def test_workshop_and_nomination_filters(client, clerk):
    hybrid = submitted(WorkshopRequestFactory(title="Hybrid one", action_lines=["C7.3"]))
    WorkshopRequestFactory(title="In person", format="in_person")
    given = submitted(NominationFactory(nominee_name="Leila Haddad", nominee_group="academia"))
    FacilitatorNomination.objects.filter(pk=given.pk).update(consent="given")
    NominationFactory(nominee_name="Omar Diop")
    assert listed(client.get(f"{WORKSHOPS}?format__exact=in_person")) == ["In person"]
    assert listed(client.get(f"{WORKSHOPS}?action_line=C7.3")) == [hybrid.title]
    assert listed(client.get(f"{NOMINATIONS}?consent__exact=given")) == ["Leila Haddad"]
    assert listed(client.get(f"{NOMINATIONS}?nominee_group__exact=academia")) == ["Leila Haddad"]
    assert listed(client.get(NOMINATIONS, {"q": "Omar"})) == ["Omar Diop"]


# The queries of a list do not grow with its length.

QUEUES = {
    "contribution": (CONTRIBUTIONS, lambda: submitted(ContributionFactory(topics=["ai", "gender"]))),
    "workshoprequest": (WORKSHOPS, lambda: submitted(WorkshopRequestFactory())),
    "facilitatornomination": (NOMINATIONS, lambda: submitted(NominationFactory())),
}


@pytest.mark.parametrize("count", [1, 3])
@pytest.mark.parametrize(
    ("queue", "queries"),
    # session, user, own and groups' permissions, the filters' choices (topics, action lines, countries in
    # use, regions, editions, as applicable), the filtered and the full count, and the page
    [("contribution", 12), ("workshoprequest", 11), ("facilitatornomination", 10)],
)
def test_list_query_count_does_not_grow_with_the_list(
    client, clerk, django_assert_num_queries, queue, queries, count
):
    url, make = QUEUES[queue]
    for _index in range(count):
        make()
    client.get(url)
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert len(response.context["cl"].result_list) == count


# Decisions


def select(action, *items, **extra):
    return {"action": action, "_selected_action": [item.pk for item in items], **extra}


def messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_bulk_acceptance_goes_through_the_services(client, clerk):
    chosen = [submitted(ContributionFactory()) for _index in range(2)]
    OutboundMail.objects.all().delete()
    response = client.post(CONTRIBUTIONS, select("accept_selected", *chosen))
    assert response.status_code == 302
    assert messages(response) == ["2 submissions decided."]
    assert set(Contribution.objects.values_list("state", "decided_by")) == {("accepted", clerk.pk)}
    assert AuditEntry.objects.filter(action="accepted", actor=clerk).count() == 2
    assert sorted(OutboundMail.objects.values_list("to", flat=True)) == sorted(
        [item.owner.email] for item in chosen
    )


def test_bulk_acceptance_reports_what_could_not_be_done(client, clerk):
    ready, draft = submitted(ContributionFactory()), ContributionFactory()
    response = client.post(CONTRIBUTIONS, select("accept_selected", ready, draft))
    assert messages(response) == [
        "1 submission decided.",
        f"{draft.pk}: This was changed in the meantime (it is now “Draft”): reload the page.",
    ]
    assert Contribution.objects.get(pk=draft.pk).state == "draft"


def test_accepting_a_workshop_request_puts_a_session_in_the_agenda(client, clerk):
    request = submitted(WorkshopRequestFactory(title="Community networks in practice"))
    client.post(WORKSHOPS, select("accept_selected", request))
    request.refresh_from_db()
    assert request.state == "accepted"
    session = Session.objects.get()
    assert (request.session, session.title_en, session.title_ar, session.kind) == (
        session,
        "Community networks in practice",
        "Community networks in practice",
        "workshop",
    )


def test_nomination_without_consent_is_not_accepted_and_the_clerk_is_told_why(client, clerk):
    nomination = submitted(NominationFactory())
    response = client.post(NOMINATIONS, select("accept_selected", nomination))
    assert messages(response) == [f"{nomination.reference}: The nominee has not confirmed their consent yet."]
    assert FacilitatorNomination.objects.get(pk=nomination.pk).state == "submitted"


@pytest.mark.parametrize(
    ("action", "state", "field_label"),
    [
        ("return_selected", "returned", "Comment or reason"),
        ("decline_selected", "rejected", "Comment or reason"),
    ],
)
def test_bulk_return_and_decline_ask_for_the_comment_first(client, clerk, action, state, field_label):
    chosen = [submitted(ContributionFactory()) for _index in range(2)]
    page = client.post(CONTRIBUTIONS, select(action, *chosen))
    assert page.status_code == 200
    html = page.content.decode()
    assert '<textarea name="comment"' in html
    assert f'<input type="hidden" name="action" value="{action}">' in html
    assert f'<bdi>{chosen[0].reference}</bdi> — <span dir="auto" lang="en">{chosen[0].title}</span>' in html
    assert set(Contribution.objects.values_list("state", flat=True)) == {"submitted"}
    response = client.post(CONTRIBUTIONS, select(action, *chosen, apply="1", comment=" Add the sources. "))
    assert response.status_code == 302
    assert set(Contribution.objects.values_list("state", "review_comment")) == {(state, "Add the sources.")}


@pytest.mark.parametrize(
    ("action", "message"),
    [
        ("return_selected", "Write the comment: the submitters read it."),
        ("decline_selected", "Give the reason: the submitters read it."),
    ],
)
def test_bulk_decision_without_its_comment_asks_again(client, clerk, action, message):
    item = submitted(ContributionFactory())
    response = client.post(CONTRIBUTIONS, select(action, item, apply="1", comment="  "))
    assert response.status_code == 200
    assert messages(response) == [message]
    assert Contribution.objects.get(pk=item.pk).state == "submitted"


def test_merge_asks_which_request_to_merge_into(client, clerk):
    first = submitted(WorkshopRequestFactory(title="First", organisers="Alliance A"))
    second = submitted(WorkshopRequestFactory(title="Second", organisers="Alliance B"))
    target = submitted(WorkshopRequestFactory(title="Target", organisers="Alliance C"))
    WorkshopRequestFactory(title="A draft")
    other = submitted(
        WorkshopRequestFactory(
            title="Other year", consultation=ConsultationFactory(edition=EditionFactory(year=2025))
        )
    )
    page = client.post(WORKSHOPS, select("merge_selected", first, second))
    assert page.status_code == 200
    choices = [label for _value, label in page.context["form"].fields["into"].choices][1:]
    # Each part isolated: a reference beside an Arabic title keeps its place in the list.
    assert choices == [f"\u2068{target.reference}\u2069 — \u2068Target\u2069"]
    assert other.reference not in page.content.decode().split("<select")[1]
    response = client.post(WORKSHOPS, select("merge_selected", first, second, apply="1", into=target.pk))
    assert messages(response) == ["2 submissions decided."]
    assert list(
        WorkshopRequest.objects.filter(merged_into=target).order_by("pk").values_list("title", "state")
    ) == [
        ("First", "merged"),
        ("Second", "merged"),
    ]
    # In the order of the list: the latest first.
    assert WorkshopRequest.objects.get(pk=target.pk).organisers == "Alliance C\nAlliance B\nAlliance A"


def test_merge_without_a_target_asks_again(client, clerk):
    request = submitted(WorkshopRequestFactory())
    response = client.post(WORKSHOPS, select("merge_selected", request, apply="1", into=""))
    assert response.status_code == 200
    assert messages(response) == ["Choose the request to merge them into."]
    assert WorkshopRequest.objects.get(pk=request.pk).state == "submitted"


def test_contributions_cannot_be_merged(client, clerk):
    actions = [
        name for name, _label in client.get(CONTRIBUTIONS).context["action_form"].fields["action"].choices
    ]
    assert actions == [
        "",
        "accept_selected",
        "return_selected",
        "decline_selected",
        "export_csv",
        "export_xlsx",
    ]


# The page of one item


def test_change_page_shows_the_content_read_only_in_its_language(client, clerk):
    item = submitted(ContributionFactory(title="Réseaux", text="Ligne 1\nLigne 2", language="fr"))
    html = client.get(f"{CONTRIBUTIONS}{item.pk}/change/").content.decode()
    assert '<div dir="auto" lang="fr">Ligne 1<br>Ligne 2</div>' in html
    assert 'name="title"' not in html
    assert 'name="text"' not in html
    assert "viewsitelink" not in html


def test_change_page_shows_the_history_from_the_audit_log(client, clerk):
    item = submitted(ContributionFactory())
    client.post(f"{CONTRIBUTIONS}{item.pk}/review/", {"decision": "return", "comment": "Name the sources."})
    html = client.get(f"{CONTRIBUTIONS}{item.pk}/change/").content.decode()
    history = html.split("<h2>History</h2>")[1].split("</table>")[0]
    assert history.count("<tr>") == 3
    assert f'<td>{clerk}</td><td>Returned for changes</td><td dir="auto">Name the sources.</td>' in history


def test_change_page_of_a_submitted_item_offers_the_review_form(client, clerk):
    item = submitted(ContributionFactory())
    html = client.get(f"{CONTRIBUTIONS}{item.pk}/change/").content.decode()
    assert f'formaction="/en/admin/consultations/contribution/{item.pk}/review/"' in html
    assert html.count('name="decision"') == 3


def test_change_page_of_a_draft_offers_no_review(client, clerk):
    item = ContributionFactory()
    response = client.get(f"{CONTRIBUTIONS}{item.pk}/change/")
    assert response.status_code == 200
    assert "/review/" not in response.content.decode()


def test_review_form_records_the_decision(client, clerk):
    item = submitted(ContributionFactory())
    response = client.post(
        f"{CONTRIBUTIONS}{item.pk}/review/", {"decision": "decline", "comment": "Off topic."}
    )
    assert response["Location"] == f"{CONTRIBUTIONS}{item.pk}/change/"
    item.refresh_from_db()
    assert (item.state, item.review_comment, item.decided_by) == ("rejected", "Off topic.", clerk)


def test_review_without_the_comment_it_needs_changes_nothing(client, clerk):
    item = submitted(ContributionFactory())
    response = client.post(f"{CONTRIBUTIONS}{item.pk}/review/", {"decision": "return", "comment": ""})
    assert response["Location"] == f"{CONTRIBUTIONS}{item.pk}/change/"
    assert messages(response) == ["Write what should change, or why it is not accepted."]
    assert Contribution.objects.get(pk=item.pk).state == "submitted"


def test_workshop_review_form_merges_into_the_chosen_request(client, clerk):
    request = submitted(WorkshopRequestFactory(organisers="Alliance A"))
    target = submitted(WorkshopRequestFactory(organisers="Alliance B"))
    html = client.get(f"{WORKSHOPS}{request.pk}/change/").content.decode()
    assert (
        f'<option value="{target.pk}">\u2068{target.reference}\u2069 — \u2068{target.title}\u2069</option>'
        in html
    )
    client.post(f"{WORKSHOPS}{request.pk}/review/", {"decision": "merge", "into": target.pk})
    request.refresh_from_db()
    assert (request.state, request.merged_into) == ("merged", target)
    html = client.get(f"{WORKSHOPS}{target.pk}/change/").content.decode()
    link = f'<a href="{WORKSHOPS}{request.pk}/change/"><bdi>{request.reference}</bdi></a>'
    assert link in html


def test_workshop_review_merge_without_a_target_changes_nothing(client, clerk):
    request = submitted(WorkshopRequestFactory())
    response = client.post(f"{WORKSHOPS}{request.pk}/review/", {"decision": "merge"})
    assert messages(response) == ["Choose the request to merge it into."]
    assert WorkshopRequest.objects.get(pk=request.pk).state == "submitted"


def test_workshop_page_lists_the_proposed_speakers_read_only(client, clerk):
    request = WorkshopRequestFactory(speakers=0)
    request.speakers.create(
        name="Nadia Salem", organisation="ITU", gender="woman", stakeholder_type="academia", country="JO"
    )
    submitted(request)
    html = client.get(f"{WORKSHOPS}{request.pk}/change/").content.decode()
    assert '<p dir="auto">Nadia Salem</p>' in html
    assert 'name="speakers-0-name"' not in html


# Exports


def test_selected_items_are_exported_as_csv(client, clerk, contributions):
    response = client.post(
        CONTRIBUTIONS, select("export_csv", contributions["content"], contributions["draft"])
    )
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0] == list(exports.CONTRIBUTIONS.columns)
    assert rows[0][:7] == ["reference", "state", "kind", "title", "text", "topics", "action_lines"]
    content = contributions["content"]
    assert rows[1][:7] == [
        content.reference,
        "submitted",
        "format",
        "Arabic content online",
        content.text,
        "ai;languages",
        "C3;C8",
    ]
    assert rows[2][1:4] == ["draft", "priorities", "Unfinished draft"]
    assert len(rows) == 3


def test_the_filtered_list_is_exported_from_its_link(client, clerk, contributions):
    html = client.get(f"{CONTRIBUTIONS}?region=africa").content.decode()
    assert 'href="/en/admin/consultations/contribution/export/csv/?region=africa"' in html
    response = client.get(f"{CONTRIBUTIONS}export/csv/?region=africa")
    assert response["Content-Disposition"] == 'attachment; filename="wsis-ocp-contributions.csv"'
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert [row[3] for row in rows[1:]] == ["Community networks"]


def test_workshop_requests_are_exported_as_xlsx_with_their_speakers(client, clerk):
    request = WorkshopRequestFactory(title='=HYPERLINK("https://evil.example","Click")', speakers=0)
    request.speakers.create(
        name="Nadia Salem", organisation="ITU", gender="woman", stakeholder_type="academia", country="JO"
    )
    submitted(request)
    response = client.get(f"{WORKSHOPS}export/xlsx/")
    assert response["Content-Disposition"] == 'attachment; filename="wsis-ocp-workshop-requests.xlsx"'
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    assert rows[0] == exports.WORKSHOPS.columns
    row = dict(zip(rows[0], rows[1], strict=True))
    assert (
        row["reference"],
        row["speakers"],
        row["action_lines"],
        row["sdgs"],
        row["session_languages"],
    ) == (
        request.reference,
        "Nadia Salem (ITU, JO)",
        "C3",
        "4",
        "en;ar",
    )
    title = sheet.cell(row=2, column=3)
    assert (title.value, title.data_type) == ('=HYPERLINK("https://evil.example","Click")', "s")


def test_export_of_an_unknown_format_is_not_found(client, clerk):
    assert client.get(f"{CONTRIBUTIONS}export/pdf/").status_code == 404


# Who may review


@pytest.fixture
def viewer(client):
    """Staff who may look at contributions but hold no secretariat role."""
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_contribution"))
    client.force_login(viewer)
    return viewer


def test_staff_without_the_secretariat_role_sees_no_review_action(client, viewer):
    submitted(ContributionFactory())
    actions = [
        name for name, _label in client.get(CONTRIBUTIONS).context["action_form"].fields["action"].choices
    ]
    assert actions == ["", "export_csv", "export_xlsx"]


def test_staff_without_the_secretariat_role_cannot_review(client, viewer):
    item = submitted(ContributionFactory())
    assert client.post(f"{CONTRIBUTIONS}{item.pk}/review/", {"decision": "accept"}).status_code == 403
    client.post(CONTRIBUTIONS, select("accept_selected", item))
    assert Contribution.objects.get(pk=item.pk).state == "submitted"
    assert "/review/" not in client.get(f"{CONTRIBUTIONS}{item.pk}/change/").content.decode()


def test_stakeholder_cannot_reach_the_queues(client):
    item = submitted(ContributionFactory())
    client.force_login(item.owner)
    assert client.get(CONTRIBUTIONS).status_code == 302
    assert client.post(f"{CONTRIBUTIONS}{item.pk}/review/", {"decision": "accept"}).status_code == 302
    assert Contribution.objects.get(pk=item.pk).state == "submitted"


def test_secretariat_reaches_every_consultation_screen_and_the_sessions(client, clerk):
    for url in (
        ADMIN,
        CONTRIBUTIONS,
        WORKSHOPS,
        NOMINATIONS,
        f"{ADMIN}consultation/add/",
        f"{ADMIN}topic/",
        "/en/admin/forum_events/session/add/",
    ):
        assert client.get(url).status_code == 200, url


def test_consultations_app_page_links_the_synthesis(client, clerk):
    assert 'href="/en/admin/consultations/contribution/synthesis/"' in client.get(ADMIN).content.decode()


# The consultation and its meetings, written by the secretariat in both languages


def test_consultation_is_created_with_a_meeting_in_both_languages_and_audited(client, clerk):
    edition = EditionFactory(year=2027)
    PhaseFactory(edition=edition, process="consultations", key="contributions")
    response = client.post(
        f"{ADMIN}consultation/add/",
        {
            "edition": edition.pk,
            "introduction_en": "Tell us.",
            "introduction_ar": "أخبرونا.",
            "max_speakers": 5,
            "max_workshop_requests": 2,
            "meetings-TOTAL_FORMS": 1,
            "meetings-INITIAL_FORMS": 0,
            "meetings-0-title_en": "First meeting",
            "meetings-0-title_ar": "الاجتماع الأول",
            "meetings-0-starts_at_0": "2027-01-20",
            "meetings-0-starts_at_1": "14:00",
            "meetings-0-ends_at_0": "2027-01-20",
            "meetings-0-ends_at_1": "16:00",
            "meetings-0-format": "virtual",
            "meetings-0-link": "meet.example.org/ocp",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    consultation = Consultation.objects.get(edition=edition)
    meeting = Meeting.objects.get(consultation=consultation)
    assert (meeting.title_en, meeting.title_ar, meeting.link) == (
        "First meeting",
        "الاجتماع الأول",
        "https://meet.example.org/ocp",
    )
    # Entered in Geneva time (winter: UTC+1).
    assert meeting.starts_at.isoformat() == "2027-01-20T13:00:00+00:00"
    entry = AuditEntry.objects.get(action="created", object_id=str(consultation.pk))
    assert entry.changes["max_speakers"] == [None, 5]
    assert entry.changes[f"meetings-{meeting.pk}.title_ar"] == [None, "الاجتماع الأول"]


def test_admin_home_links_to_the_synthesis_for_the_secretariat_only(client, clerk):
    client.force_login(clerk)
    assert 'href="/en/admin/consultations/contribution/synthesis/"' in client.get("/en/admin/").text
    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    assert "synthesis" not in client.get("/en/admin/").text


def test_consultation_of_an_edition_without_its_contributions_phase_is_refused(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    edition = EditionFactory()
    PhaseFactory(edition=edition, process="consultations", key="final-brief")
    form = {
        "edition": edition.pk,
        "introduction_en": "",
        "introduction_ar": "",
        "max_speakers": 6,
        "max_workshop_requests": 3,
        "meetings-TOTAL_FORMS": 0,
        "meetings-INITIAL_FORMS": 0,
    }
    response = client.post("/ar/admin/consultations/consultation/add/", form)
    assert response.context["adminform"].form.errors["edition"] == [
        "لا توجد في الدورة مرحلة “المساهمات الرسمية” الخاصة بـعملية المشاورة المفتوحة: أضفها إلى الدورة أولاً."
    ]
    assert not Consultation.objects.exists()
    PhaseFactory(edition=edition, process="consultations", key="contributions")
    assert client.post("/ar/admin/consultations/consultation/add/", form).status_code == 302
    assert Consultation.objects.get().edition == edition


def test_each_input_of_a_meeting_time_has_its_label(client, clerk):
    """The date and the time of a meeting are two inputs: each is labelled ("Date:", "Time:"), which
    Django's own widget does not do (axe-core: a form element must have a label)."""
    consultation = ConsultationFactory()
    Meeting.objects.create(
        consultation=consultation,
        title_en="First meeting",
        title_ar="الاجتماع الأول",
        starts_at="2026-01-20T13:00:00Z",
        ends_at="2026-01-20T15:00:00Z",
        format="virtual",
    )
    page = client.get(f"{ADMIN}consultation/{consultation.pk}/change/").text
    for name in ("starts_at", "ends_at"):
        assert f'<label class="datetime-part" for="id_meetings-0-{name}_0">Date:</label>' in page
        assert f'<label class="datetime-part" for="id_meetings-0-{name}_1">Time:</label>' in page
    # The blank row the inline's "add" link copies is labelled as well.
    assert '<label class="datetime-part" for="id_meetings-__prefix__-starts_at_0">Date:</label>' in page
