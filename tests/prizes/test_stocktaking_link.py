"""One lifecycle with the stocktaking: a project in the stocktaking is submitted from its entry (the form
filled in on the server, nothing saved until its author saves), the entry shows its prize history with
only the stages the cycle has published, and a submitted project is published to the stocktaking through
the stocktaking's own review, once."""

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from prizes import services, stocktaking_link
from prizes.models import Submission
from stocktaking import services as stocktaking
from stocktaking.models import Entry
from tests.factories import (
    EditionFactory,
    FocalPointFactory,
    OrganisationFactory,
    PhaseFactory,
    PrizeCycleFactory,
    PrizeSubmissionFactory,
    SecretariatFactory,
    UserFactory,
    prize_category,
)
from tests.prizes.conftest import content
from tests.stocktaking.factories import EntryFactory, PublishedEntryFactory
from wsis_portal.editions.models import GDCObjective, Process, SustainableDevelopmentGoal
from wsis_portal.lifecycle.models import AuditEntry
from wsis_portal.mail.models import OutboundMail

pytestmark = pytest.mark.django_db

DESCRIPTION = "Clinics keep patient records on tablets in rural Kenya."  # 9 words


@pytest.fixture
def entry(cycle, owner, organisation):
    """A published project of the owner's organisation, in C7.4 (an e-application, so a category)."""
    return PublishedEntryFactory(
        owner=owner,
        organisation=organisation,
        title="E-health records for rural clinics",
        description=DESCRIPTION,
        language="ar",
        action_lines=["C7.4", "C3"],
        sdgs=[3, 10],
        gdc_objectives=[2],
        work_status="completed",
        website="https://example.org/e-health",
        contact_name="Amina Diallo",
        contact_email="amina@example.org",
    )


def flash(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def html(response):
    return " ".join(response.content.decode().split())


def pks(model, field, *values):
    return sorted(model.objects.filter(**{f"{field}__in": values}).values_list("pk", flat=True))


# The draft form filled in from an entry


def test_the_draft_form_is_filled_in_from_the_entry_and_nothing_is_saved(client, owner, organisation, entry):
    client.force_login(owner)
    response = client.get(f"/en/prizes/mine/new/?entry={entry.pk}")
    assert response.status_code == 200
    initial = response.context["form"].initial
    expected = {
        "stocktaking_entry": entry.pk,
        "title": "E-health records for rural clinics",
        "description": DESCRIPTION,
        "short_description": DESCRIPTION,
        "website": "https://example.org/e-health",
        "contact_name": "Amina Diallo",
        "contact_email": "amina@example.org",
        "sdgs": pks(SustainableDevelopmentGoal, "number", 3, 10),
        "gdc_objectives": pks(GDCObjective, "number", 2),
        "language": "ar",
        "organisation": organisation.pk,
        "category": prize_category("C7.4").pk,
        "project_status": "completed",
    }
    assert {name: initial[name] for name in expected} == expected
    assert 'value="E-health records for rural clinics"' in response.content.decode()
    assert response.context["from_entry"] == entry
    assert not Submission.objects.exists()


def test_the_page_says_where_the_form_comes_from(client, owner, entry):
    client.force_login(owner)
    page = html(client.get(f"/en/prizes/mine/new/?entry={entry.pk}"))
    assert (
        "Filled in from your stocktaking entry “<bdi>E-health records for rural clinics</bdi>” "
        f"(<bdi>{entry.reference}</bdi>). Check each box and complete what is missing: nothing is saved "
        "until you save the draft."
    ) in page


def test_saving_the_filled_in_form_links_the_project_to_its_entry(client, owner, organisation, entry):
    client.force_login(owner)
    form = client.get(f"/en/prizes/mine/new/?entry={entry.pk}").context["form"]
    data = {name: value for name, value in form.initial.items() if value not in (None, "")}
    data.update(
        impact_qualitative="Nurses see the history of each patient.",
        impact_quantitative="40 clinics.",
        partnerships="Ministry of Health.",
        challenges="Power cuts.",
        future_plans="Every county by 2028.",
        save="",
    )
    response = client.post(f"/en/prizes/mine/new/?entry={entry.pk}", data)
    submission = Submission.objects.get()
    assert response["Location"] == f"/en/prizes/mine/{submission.pk}/edit/"
    assert (
        submission.stocktaking_entry,
        submission.category,
        submission.organisation,
        submission.language,
        submission.state,
    ) == (entry, prize_category("C7.4"), organisation, "ar", "draft")
    assert sorted(submission.sdgs.values_list("number", flat=True)) == [3, 10]
    services.submit(submission, owner)
    assert submission.state == "submitted"


@pytest.mark.parametrize(
    ("lines", "category"),
    [(["C7.4", "C3"], "C7.4"), (["C2"], "C2"), (["C3", "C7.4"], "C3"), (["C7", "C7.4"], None)],
)
def test_the_category_is_the_entrys_main_action_line_when_it_is_a_category(cycle, lines, category):
    entry = EntryFactory(action_lines=lines)
    found = stocktaking_link.category_for(entry)
    assert (found.code if found else None) == category


@pytest.mark.parametrize(
    ("description", "taken"),
    [("Four words only here", False), (DESCRIPTION, True), (" ".join(["word"] * 11), False)],
)
def test_the_short_description_is_taken_only_within_the_cycles_word_range(
    cycle, owner, organisation, description, taken
):
    entry = EntryFactory(owner=owner, organisation=organisation, description=description)
    initial = stocktaking_link.draft_initial(entry, cycle, owner)
    assert ("short_description" in initial, initial["description"]) == (taken, description)


def test_what_the_cycle_or_the_user_cannot_use_is_left_to_the_form(cycle, owner):
    cycle.content_languages = ["en"]
    cycle.save()
    other = OrganisationFactory()
    # Stored before the portal checked on whose behalf one files: the owner does not act for it.
    entry = EntryFactory(
        owner=owner,
        organisation=other,
        language="ar",
        work_status="ongoing",
        action_lines=["C7"],
        filed_by_focal_point=False,
    )
    initial = stocktaking_link.draft_initial(entry, cycle, owner)
    assert [
        name for name in ("language", "organisation", "category", "project_status") if name in initial
    ] == []


def test_the_form_keeps_the_users_language_when_the_entry_gives_none(client, cycle, owner, organisation):
    entry = EntryFactory(owner=owner, organisation=organisation, language="fr")
    client.force_login(owner)
    initial = client.get(f"/ar/prizes/mine/new/?entry={entry.pk}").context["form"].initial
    assert (initial["language"], initial["organisation"], initial["stocktaking_entry"]) == (
        "ar",
        organisation.pk,
        entry.pk,
    )


def test_an_entry_one_may_not_edit_is_not_found(client, cycle, entry):
    client.force_login(UserFactory(organisation=OrganisationFactory()))
    assert client.get(f"/en/prizes/mine/new/?entry={entry.pk}").status_code == 404
    assert client.post(f"/en/prizes/mine/new/?entry={entry.pk}", {"title": "X"}).status_code == 404
    assert not Submission.objects.exists()


@pytest.mark.parametrize("value", ["987654", "not-a-number", ""])
def test_a_missing_entry_is_not_found(client, owner, cycle, value):
    client.force_login(owner)
    assert client.get(f"/en/prizes/mine/new/?entry={value}").status_code == 404


def test_a_revision_is_not_submitted_the_entry_it_revises_is(client, owner, entry):
    revision = stocktaking.revision_for(entry, owner)
    client.force_login(owner)
    assert client.get(f"/en/prizes/mine/new/?entry={revision.pk}").status_code == 404
    page = html(client.get(f"/en/stocktaking/mine/{revision.pk}/"))
    assert f'href="/en/prizes/mine/new/?entry={entry.pk}"' in page


def test_a_nomination_is_not_filled_in_from_an_entry(client, owner, entry):
    client.force_login(owner)
    response = client.get(f"/en/prizes/mine/nominate/?entry={entry.pk}")
    assert response.status_code == 200
    assert response.context["form"].initial["title"] == ""


def test_a_second_project_of_the_entity_in_a_category_is_refused_in_arabic_and_nothing_is_lost(
    client, owner, organisation, entry, draft
):
    services.save_draft(draft, content(organisation, category=prize_category("C7.4")), owner)
    services.submit(draft, owner)
    client.force_login(owner)
    form = client.get(f"/ar/prizes/mine/new/?entry={entry.pk}").context["form"]
    data = {name: value for name, value in form.initial.items() if value not in (None, "")}
    for name in ("impact_qualitative", "impact_quantitative", "partnerships", "challenges", "future_plans"):
        data[name] = "نص عن المشروع."
    response = client.post(f"/ar/prizes/mine/new/?entry={entry.pk}", {**data, "submit": ""})
    saved = Submission.objects.get(stocktaking_entry=entry)
    # The new draft is kept and shown at its own address, so that a reload changes it, not a copy.
    assert response.status_code == 302
    assert response["Location"] == f"/ar/prizes/mine/{saved.pk}/edit/?refused"
    response = client.get(response["Location"])
    assert response.context["form"].errors["category"] == [
        "لدى Nile Digital Inclusion Forum مشروع بالفعل في الفئة “C7.4 الصحة الإلكترونية” من هذه الدورة."
    ]
    saved.refresh_from_db()
    assert (saved.state, saved.title, saved.partnerships) == (
        "draft",
        "E-health records for rural clinics",
        "نص عن المشروع.",
    )
    assert 'value="E-health records for rural clinics"' in response.content.decode()


# The link on the entry's pages


def submit_link(entry):
    return f'href="/en/prizes/mine/new/?entry={entry.pk}"'


@pytest.mark.parametrize("url", ["/en/stocktaking/entries/{pk}/", "/en/stocktaking/mine/{pk}/"])
def test_the_entry_pages_offer_a_focal_point_to_submit_it(client, owner, entry, url):
    client.force_login(owner)
    assert submit_link(entry) in html(client.get(url.format(pk=entry.pk)))


def test_the_public_and_other_people_are_not_offered_the_link(client, entry):
    assert submit_link(entry) not in html(client.get(f"/en/stocktaking/entries/{entry.pk}/"))
    client.force_login(UserFactory())
    assert submit_link(entry) not in html(client.get(f"/en/stocktaking/entries/{entry.pk}/"))


def test_an_owner_who_does_not_act_for_the_entrys_organisation_is_not_offered_the_link(client, cycle):
    author = UserFactory()
    entry = PublishedEntryFactory(owner=author, filed_by_focal_point=False)
    client.force_login(author)
    assert submit_link(entry) not in html(client.get(f"/en/stocktaking/entries/{entry.pk}/"))


def test_another_focal_point_of_the_organisation_is_offered_the_link(client, organisation, entry):
    colleague = FocalPointFactory(organisation=organisation, status="confirmed").user
    client.force_login(colleague)
    assert submit_link(entry) in html(client.get(f"/en/stocktaking/entries/{entry.pk}/"))


def test_no_link_once_the_submission_deadline_has_passed(client, owner, entry, time_machine):
    time_machine.move_to(datetime(2026, 3, 16, tzinfo=UTC), tick=False)
    client.force_login(owner)
    assert submit_link(entry) not in html(client.get(f"/en/stocktaking/entries/{entry.pk}/"))


def test_a_draft_from_the_entry_is_continued_not_started_again(client, owner, organisation, entry, cycle):
    draft = services.save_draft(
        Submission(cycle=cycle, kind="submission"), content(organisation, stocktaking_entry=entry), owner
    )
    client.force_login(owner)
    page = html(client.get(f"/en/stocktaking/entries/{entry.pk}/"))
    assert f'href="/en/prizes/mine/{draft.pk}/edit/"' in page
    assert submit_link(entry) not in page


def test_no_link_once_the_project_is_entered_in_the_cycle(client, owner, organisation, entry, cycle):
    PrizeSubmissionFactory(cycle=cycle, organisation=organisation, stocktaking_entry=entry, state="submitted")
    client.force_login(owner)
    page = html(client.get(f"/en/stocktaking/entries/{entry.pk}/"))
    assert submit_link(entry) not in page
    assert '<td data-stage="submitted">Submitted</td>' in page


# The prize history


def test_the_history_lists_only_the_projects_that_count(cycle, entry):
    counted = PrizeSubmissionFactory(cycle=cycle, stocktaking_entry=entry, state="submitted")
    PrizeSubmissionFactory(cycle=cycle, stocktaking_entry=entry, state="draft", title="Draft")
    PrizeSubmissionFactory(
        cycle=cycle,
        stocktaking_entry=entry,
        kind="nomination",
        confirmation="pending",
        state="submitted",
        title="Unconfirmed",
    )
    PrizeSubmissionFactory(cycle=cycle, state="winner", title="Another entry's")
    assert [row.submission for row in stocktaking_link.history(entry.pk)] == [counted]


def test_a_confirmed_nomination_is_in_the_history(cycle, entry):
    nominated = PrizeSubmissionFactory(
        cycle=cycle, stocktaking_entry=entry, kind="nomination", confirmation="confirmed", state="submitted"
    )
    assert [row.submission for row in stocktaking_link.history(entry.pk)] == [nominated]


PUBLISHED = datetime(2026, 2, 1, tzinfo=UTC)
LATER = datetime(2026, 5, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("state", "published", "stage"),
    [
        ("submitted", {"nominees": PUBLISHED}, "submitted"),
        ("nominee", {}, "submitted"),
        ("nominee", {"nominees": LATER}, "submitted"),
        ("nominee", {"nominees": PUBLISHED}, "nominee"),
        ("champion", {"nominees": PUBLISHED}, "nominee"),
        ("champion", {"nominees": PUBLISHED, "champions": PUBLISHED}, "champion"),
        ("winner", {"nominees": PUBLISHED, "champions": PUBLISHED}, "champion"),
        ("winner", {"nominees": PUBLISHED, "champions": PUBLISHED, "winners": PUBLISHED}, "winner"),
        ("winner", {}, "submitted"),
    ],
)
def test_the_public_stage_is_only_what_the_cycle_has_published(cycle, state, published, stage):
    for name, instant in published.items():
        setattr(cycle, f"{name}_published_at", instant)
    submission = PrizeSubmissionFactory(cycle=cycle, state=state)
    assert stocktaking_link.public_stage(submission) == stage


def test_the_entry_page_shows_the_history_newest_cycle_first_in_arabic(client, cycle, entry):
    older = PrizeCycleFactory(
        edition=EditionFactory(year=2024), nominees_published_at=PUBLISHED, champions_published_at=PUBLISHED
    )
    PrizeSubmissionFactory(
        cycle=older, stocktaking_entry=entry, state="champion", category=prize_category("C3")
    )
    PrizeSubmissionFactory(
        cycle=cycle, stocktaking_entry=entry, state="nominee", category=prize_category("C7.4")
    )
    page = html(client.get(f"/ar/stocktaking/entries/{entry.pk}/"))
    assert (
        '<tr data-cycle="2026"> <td><bdi>2026</bdi></td> <td><bdi>C7.4</bdi> الصحة الإلكترونية</td> '
        '<td data-stage="submitted">مقدَّم</td> </tr> '
        '<tr data-cycle="2024"> <td><bdi>2024</bdi></td> '
        "<td><bdi>C3</bdi> النفاذ إلى المعلومات والمعارف</td> "
        '<td data-stage="champion">بطل</td> </tr>'
    ) in page


def test_an_entry_without_prize_history_shows_no_prize_section_to_the_public(client, entry):
    assert "data-prize-history" not in html(client.get(f"/en/stocktaking/entries/{entry.pk}/"))


@pytest.mark.parametrize("count", [1, 3])
def test_the_public_entry_page_runs_a_fixed_number_of_queries(
    client, entry, django_assert_num_queries, count
):
    for year in range(2026 - count + 1, 2027):
        PrizeSubmissionFactory(
            cycle=PrizeCycleFactory(edition=EditionFactory(year=year)),
            stocktaking_entry=entry,
            state="submitted",
        )
    # entry, its action lines (2), countries, regions, SDGs, GDC objectives, then the prize history
    with django_assert_num_queries(8):
        response = client.get(f"/en/stocktaking/entries/{entry.pk}/")
    assert html(response).count("<tr data-cycle=") == count


@pytest.mark.parametrize("count", [1, 3])
def test_the_entry_page_of_a_focal_point_runs_a_fixed_number_of_queries(
    client, owner, entry, django_assert_num_queries, count
):
    for year in range(2026 - count, 2026):
        PrizeSubmissionFactory(
            cycle=PrizeCycleFactory(edition=EditionFactory(year=year)),
            stocktaking_entry=entry,
            state="submitted",
        )
    client.force_login(owner)
    # session, user, the public page's 8, current edition and its phases, current cycle and its phases,
    # may edit the entry, a draft from it, acts for its organisation
    with django_assert_num_queries(17):
        response = client.get(f"/en/stocktaking/entries/{entry.pk}/")
    page = html(response)
    assert (page.count("<tr data-cycle="), submit_link(entry) in page) == (count, True)


# Publishing a prize project to the stocktaking


@pytest.fixture
def submitted(draft, owner, organisation):
    services.save_draft(draft, content(organisation, category=prize_category("C7.4")), owner)
    return services.submit(draft, owner)


COVERAGE = {
    "is_global": False,
    "regions": [],
    "countries": ["KE", "EG"],
    "start_date": None,
    "end_date": None,
}


def test_publishing_writes_an_entry_and_sends_it_to_the_stocktakings_review(submitted, owner, organisation):
    entry, created = stocktaking_link.publish_to_stocktaking(submitted, owner, COVERAGE)
    entry = Entry.objects.get(pk=entry.pk)
    assert created is True
    assert (
        entry.kind,
        entry.state,
        entry.reference,
        entry.owner,
        entry.organisation,
        entry.title,
        entry.description,
        entry.language,
        entry.work_status,
        entry.website,
        entry.published_at,
    ) == (
        "project",
        "submitted",
        "WSIS-ST-2026-00001",
        owner,
        organisation,
        "Mobile digital libraries",
        "Buses with computers visit villages; librarians teach digital skills.",
        "en",
        "completed",
        "https://example.org/libraries",
        None,
    )
    assert sorted(entry.action_line_links.values_list("action_line__code", "is_main")) == [
        ("C7", False),
        ("C7.4", True),
    ]
    assert sorted(entry.country_links.values_list("country", flat=True)) == ["EG", "KE"]
    assert sorted(entry.regions.values_list("code", flat=True)) == ["africa", "arab-states"]
    assert sorted(entry.sdgs.values_list("number", flat=True)) == [4, 5]
    assert list(entry.gdc_objectives.values_list("number", flat=True)) == [1]
    submitted.refresh_from_db()
    assert submitted.stocktaking_entry == entry


def test_publishing_is_audited_on_the_project_and_the_entry(submitted, owner):
    entry, _created = stocktaking_link.publish_to_stocktaking(submitted, owner, COVERAGE)
    linked = AuditEntry.objects.get(
        object_id=str(submitted.pk), action="changed", changes__has_key="stocktaking_entry"
    )
    assert (linked.actor, linked.changes, linked.note) == (
        owner,
        {"stocktaking_entry": [None, "WSIS-ST-2026-00001"]},
        "published to the WSIS Stocktaking",
    )
    assert sorted(
        AuditEntry.objects.filter(object_id=str(entry.pk), content_type__model="entry").values_list(
            "action", flat=True
        )
    ) == ["created", "submitted"]


def test_publishing_mails_the_receipt_and_the_secretariat_as_every_entry(submitted, owner):
    OutboundMail.objects.all().delete()
    stocktaking_link.publish_to_stocktaking(submitted, owner, COVERAGE)
    assert sorted(address for mail in OutboundMail.objects.all() for address in mail.to) == [
        "amina@example.org",
        "wsis-secretariat@example.org",
    ]


def test_publishing_twice_writes_one_entry(submitted, owner):
    first, created = stocktaking_link.publish_to_stocktaking(submitted, owner, COVERAGE)
    again, created_again = stocktaking_link.publish_to_stocktaking(
        Submission.objects.get(pk=submitted.pk), owner, COVERAGE
    )
    stale, created_stale = stocktaking_link.publish_to_stocktaking(submitted, owner, COVERAGE)
    assert (created, created_again, created_stale) == (True, False, False)
    assert first == again == stale
    assert Entry.objects.count() == 1


def publish_at_once(submission, by):
    try:
        entry, created = stocktaking_link.publish_to_stocktaking(
            Submission.objects.get(pk=submission.pk), by, COVERAGE
        )
        return entry.pk, created
    finally:
        connection.close()


@pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
    reason="Concurrent requests only race on PostgreSQL (CI).",
)
# A transactional test before this one may have emptied the reference tables.
@pytest.mark.usefixtures("reference_data")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_eight_clicks_at_once_write_one_entry(submitted, owner):
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _n: publish_at_once(submitted, owner), range(8)))
    entry = Entry.objects.get()
    assert sorted(results, key=lambda result: not result[1]) == [(entry.pk, True)] + [(entry.pk, False)] * 7
    assert Submission.objects.get(pk=submitted.pk).stocktaking_entry == entry


def test_a_confirmed_focal_point_of_the_organisation_may_publish_it(submitted, organisation):
    colleague = FocalPointFactory(organisation=organisation, status="confirmed").user
    entry, _created = stocktaking_link.publish_to_stocktaking(submitted, colleague, COVERAGE)
    assert entry.owner == colleague


def test_someone_else_may_not_publish_it(submitted):
    with pytest.raises(PermissionDenied):
        stocktaking_link.publish_to_stocktaking(submitted, UserFactory(), COVERAGE)
    assert not Entry.objects.exists()


def test_a_draft_or_a_nomination_is_not_published(draft, owner, nomination_draft, nominator):
    services.nominate(nomination_draft, nominator)
    for submission, by in ((draft, owner), (nomination_draft, nominator)):
        with pytest.raises(ValidationError) as refused:
            stocktaking_link.publish_to_stocktaking(submission, by, COVERAGE)
        assert refused.value.messages == [
            "Only a project your organization has submitted can be published to the stocktaking."
        ]
    assert not Entry.objects.exists()


def test_when_the_stocktaking_refuses_it_nothing_is_written(submitted, owner, cycle):
    PhaseFactory(
        edition=cycle.edition,
        process=Process.STOCKTAKING,
        key="submissions",
        opens_at=datetime(2025, 11, 1, tzinfo=UTC),
        closes_at=datetime(2026, 1, 31, tzinfo=UTC),
    )
    with pytest.raises(ValidationError) as refused:
        stocktaking_link.publish_to_stocktaking(submitted, owner, COVERAGE)
    assert refused.value.messages == ["Submissions to the stocktaking are closed for this edition."]
    assert not Entry.objects.exists()
    assert Submission.objects.get(pk=submitted.pk).stocktaking_entry is None


def test_once_approved_the_entry_shows_the_projects_prize_history(client, submitted, owner):
    entry, _created = stocktaking_link.publish_to_stocktaking(submitted, owner, COVERAGE)
    stocktaking.approve(entry, SecretariatFactory())
    page = html(client.get(f"/en/stocktaking/entries/{entry.pk}/"))
    assert ('<td><bdi>C7.4</bdi> E-health</td> <td data-stage="submitted">Submitted</td>') in page


# Publishing from the project's page


def publish_url(submission):
    return f"/en/prizes/mine/{submission.pk}/publish-to-stocktaking/"


def test_the_project_page_offers_to_publish_a_sent_project_only(client, owner, draft):
    client.force_login(owner)
    assert publish_url(draft) not in html(client.get(f"/en/prizes/mine/{draft.pk}/"))
    services.submit(draft, owner)
    page = html(client.get(f"/en/prizes/mine/{draft.pk}/"))
    assert f'action="{publish_url(draft)}"' in page
    assert 'name="countries"' in page


def test_publishing_from_the_page_sends_the_entry_and_says_so(client, owner, submitted):
    client.force_login(owner)
    response = client.post(publish_url(submitted), {"countries": ["KE"]})
    entry = Entry.objects.get()
    assert response["Location"] == f"/en/prizes/mine/{submitted.pk}/"
    assert flash(response) == [
        "Your project has been sent to the WSIS Stocktaking (reference WSIS-ST-2026-00001); it is published "
        "once the secretariat approves it."
    ]
    page = html(client.get(f"/en/prizes/mine/{submitted.pk}/"))
    assert (
        f'<a href="/en/stocktaking/mine/{entry.pk}/" lang="en" dir="auto">Mobile digital libraries</a>'
        in page
    )
    assert publish_url(submitted) not in page


def test_a_second_click_says_it_is_already_there(client, owner, submitted):
    client.force_login(owner)
    client.post(publish_url(submitted), {"countries": ["KE"]}, follow=True)
    response = client.post(publish_url(submitted), {"countries": ["KE"]})
    assert flash(response) == ["This project is already in the WSIS Stocktaking."]
    assert Entry.objects.count() == 1


def test_a_missing_coverage_is_refused_in_arabic_and_writes_nothing(client, owner, submitted):
    client.force_login(owner)
    response = client.post(
        f"/ar/prizes/mine/{submitted.pk}/publish-to-stocktaking/", {"start_date": "2024-05-01"}
    )
    assert response.status_code == 400
    assert response.context["coverage_form"].errors["is_global"] == [
        "حدّد أين يجري العمل: على الصعيد العالمي، أو في أي المناطق أو البلدان."
    ]
    assert 'value="2024-05-01"' in response.content.decode()
    assert not Entry.objects.exists()


def test_the_address_of_a_refused_form_leads_back_to_the_project(client, owner, submitted):
    client.force_login(owner)
    response = client.get(f"/ar/prizes/mine/{submitted.pk}/publish-to-stocktaking/")
    assert response["Location"] == f"/ar/prizes/mine/{submitted.pk}/"
    client.force_login(UserFactory())
    assert client.get(publish_url(submitted)).status_code == 404


def test_publishing_a_draft_from_the_page_is_refused(client, owner, draft):
    client.force_login(owner)
    response = client.post(publish_url(draft), {"countries": ["KE"]})
    assert flash(response) == [
        "Only a project your organization has submitted can be published to the stocktaking."
    ]
    assert not Entry.objects.exists()


def test_someone_else_cannot_publish_from_the_page(client, submitted):
    client.force_login(UserFactory())
    assert client.post(publish_url(submitted), {"countries": ["KE"]}).status_code == 404
    assert not Entry.objects.exists()
