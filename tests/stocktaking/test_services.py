"""Every state change of an entry goes through the services: permission and phase checked, the transition
made once, the audit entry written, the owner mailed in their language."""

from datetime import UTC, date, datetime, timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from stocktaking import search, services
from stocktaking.models import Entry
from stocktaking.search import SearchParams
from tests.factories import (
    EditionFactory,
    FocalPointFactory,
    OrganisationFactory,
    PhaseFactory,
    UserFactory,
)
from tests.stocktaking.factories import (
    EntryFactory,
    PublishedEntryFactory,
    SubmittedEntryFactory,
    action_lines,
    entry_content,
    publish,
)
from wsis_portal.editions.models import Process
from wsis_portal.lifecycle.models import AuditEntry
from wsis_portal.mail.models import OutboundMail
from wsis_portal.textsearch.analysis import terms

pytestmark = pytest.mark.django_db

SECRETARIAT_EMAIL = "wsis-secretariat@example.org"


def mails_to(address):
    return list(OutboundMail.objects.filter(to=[address]).order_by("id").values_list("subject", flat=True))


# Drafts


def test_new_draft_belongs_to_its_author(draft, owner):
    assert (draft.state, draft.owner, draft.reference, draft.stakeholder_type) == (
        "draft",
        owner,
        None,
        "civil_society",
    )


def test_draft_keeps_its_tags_and_adds_the_regions_of_its_countries(draft):
    assert sorted(draft.action_line_links.values_list("action_line__code", "is_main")) == [
        ("C2", True),
        ("C6", False),
    ]
    assert sorted(draft.country_links.values_list("country", flat=True)) == ["KE", "SN"]
    assert list(draft.regions.values_list("code", flat=True)) == ["africa"]
    assert sorted(draft.sdgs.values_list("number", flat=True)) == [9, 11]


def test_e_application_brings_its_action_line_with_it(draft, owner):
    data = entry_content(
        draft.organisation,
        action_lines=action_lines("C4", "C7.3"),
        main_action_line=action_lines("C7.3")[0],
    )
    entry = services.save_content(Entry(), data, owner)
    assert sorted(entry.action_line_links.values_list("action_line__code", "is_main")) == [
        ("C4", False),
        ("C7", False),
        ("C7.3", True),
    ]


def test_saving_again_replaces_the_tags(draft, owner):
    services.save_content(
        draft, entry_content(draft.organisation, action_lines=action_lines("C9"), countries=["JO"]), owner
    )
    assert list(draft.action_line_links.values_list("action_line__code", flat=True)) == ["C9"]
    assert list(draft.country_links.values_list("country", flat=True)) == ["JO"]
    assert list(draft.regions.values_list("code", flat=True)) == ["arab-states"]


def test_draft_is_searchable_by_its_organisation_and_country_names(draft):
    draft.refresh_from_db()
    assert draft.search_title == " communiti network rural broadband "
    for name in ("Alliance", "Kenya", "كينيا", "Senegal", "السنغال"):
        assert f" {terms(name)[0]} " in draft.search_body
    assert " broadband " not in draft.search_body


def test_saving_the_returned_draft_again_keeps_it_searchable(draft):
    draft.description = "Cooperatives build mesh networks."
    draft.save()
    assert Entry.objects.get(pk=draft.pk).search_title == " communiti network rural broadband "


def test_creation_and_change_of_a_draft_are_audited(draft, owner):
    services.save_content(draft, entry_content(draft.organisation, title="New title"), owner)
    assert list(AuditEntry.objects.order_by("id").values_list("action", "actor", "object_id")) == [
        ("created", owner.pk, str(draft.pk)),
        ("changed", owner.pk, str(draft.pk)),
    ]


def test_someone_else_may_not_change_a_draft(draft):
    with pytest.raises(PermissionDenied):
        services.save_content(draft, entry_content(draft.organisation, title="Hijacked"), UserFactory())
    assert Entry.objects.get(pk=draft.pk).title == "Community networks for rural broadband"


def test_confirmed_focal_point_of_the_organisation_may_change_a_draft(draft):
    focal_point = FocalPointFactory(organisation=draft.organisation, status="confirmed")
    services.save_content(
        draft, entry_content(draft.organisation, title="Edited by the focal point"), focal_point.user
    )
    assert Entry.objects.get(pk=draft.pk).title == "Edited by the focal point"


@pytest.mark.parametrize("status", ["pending", "declined"])
def test_unconfirmed_focal_point_may_not_change_a_draft(draft, status):
    focal_point = FocalPointFactory(organisation=draft.organisation, status=status)
    with pytest.raises(PermissionDenied):
        services.save_content(draft, entry_content(draft.organisation), focal_point.user)


def test_focal_point_of_another_organisation_may_not_change_a_draft(draft):
    focal_point = FocalPointFactory(status="confirmed")
    with pytest.raises(PermissionDenied):
        services.submit(draft, focal_point.user)


def test_submitted_entry_cannot_be_changed_by_its_owner(draft, owner):
    services.submit(draft, owner)
    with pytest.raises(PermissionDenied):
        services.save_content(draft, entry_content(draft.organisation, title="Changed"), owner)


# Submission


def test_submission_gives_the_reference_and_sends_it_for_review(draft, owner, time_machine):
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=UTC), tick=False)
    services.submit(draft, owner)
    draft.refresh_from_db()
    assert (draft.state, draft.reference, draft.submitted_at) == (
        "submitted",
        "WSIS-ST-2026-00001",
        datetime(2026, 3, 2, 9, 0, tzinfo=UTC),
    )


@pytest.mark.parametrize(
    ("sent_at", "reference"),
    [
        (datetime(2026, 12, 31, 22, 59, tzinfo=UTC), "WSIS-ST-2026-00001"),  # 23:59 in Geneva
        (datetime(2026, 12, 31, 23, 30, tzinfo=UTC), "WSIS-ST-2027-00001"),  # 00:30 on 1 January in Geneva
    ],
)
def test_an_entry_is_numbered_in_the_geneva_year_it_is_sent(draft, owner, time_machine, sent_at, reference):
    time_machine.move_to(sent_at, tick=False)
    assert services.submit(draft, owner).reference == reference


def test_an_entry_sent_in_december_is_numbered_in_that_year_whatever_the_coming_edition(
    draft, owner, time_machine
):
    EditionFactory(year=2027, starts_on=date(2027, 7, 5), ends_on=date(2027, 7, 9))
    time_machine.move_to(datetime(2026, 12, 15, 10, 0, tzinfo=UTC), tick=False)
    assert services.submit(draft, owner).reference == "WSIS-ST-2026-00001"


def test_submission_mails_a_receipt_with_the_reference_and_notifies_the_secretariat(draft, owner):
    services.submit(draft, owner)
    assert mails_to("amina@example.org") == ["Stocktaking entry WSIS-ST-2026-00001 received"]
    assert mails_to(SECRETARIAT_EMAIL) == ["Stocktaking entry WSIS-ST-2026-00001 to review"]
    body = OutboundMail.objects.get(to=["amina@example.org"]).body
    assert "Its reference is WSIS-ST-2026-00001." in body


def test_receipt_is_written_in_the_owners_language(draft, owner):
    owner.preferred_language = "ar"
    owner.save()
    services.submit(draft, owner)
    mail = OutboundMail.objects.get(to=["amina@example.org"])
    assert mail.language == "ar"
    assert "WSIS-ST-2026-00001" in mail.subject


def test_receipt_subject_is_in_arabic_for_an_arabic_speaker(draft, owner):
    owner.preferred_language = "ar"
    owner.save()
    services.submit(draft, owner)
    mail = OutboundMail.objects.get(to=["amina@example.org"])
    assert mail.subject == "استُلم المدخل WSIS-ST-2026-00001 في منصة التقييم"
    assert "ومرجعه WSIS-ST-2026-00001." in mail.body


def test_submission_is_audited(draft, owner):
    services.submit(draft, owner)
    audit = AuditEntry.objects.get(action="submitted")
    assert (audit.actor, audit.object_id, audit.changes) == (
        owner,
        str(draft.pk),
        {"state": ["draft", "submitted"]},
    )


def test_submission_without_an_action_line_is_refused(owner):
    entry = EntryFactory(owner=owner, action_lines=[])
    with pytest.raises(ValidationError) as refused:
        services.submit(entry, owner)
    assert refused.value.messages == ["Choose at least one action line before submitting."]
    assert Entry.objects.get(pk=entry.pk).state == "draft"


def test_someone_else_may_not_submit(draft):
    with pytest.raises(PermissionDenied):
        services.submit(draft, UserFactory())
    assert Entry.objects.get(pk=draft.pk).state == "draft"


def test_confirmed_focal_point_may_submit(draft):
    focal_point = FocalPointFactory(organisation=draft.organisation, status="confirmed")
    services.submit(draft, focal_point.user)
    assert Entry.objects.get(pk=draft.pk).state == "submitted"


def test_submitting_twice_is_refused_the_second_time(draft, owner):
    services.submit(draft, owner)
    with pytest.raises(ValidationError):
        services.submit(draft, owner)
    assert OutboundMail.objects.count() == 2


@pytest.fixture
def closed_phase(db):
    now = timezone.now()
    return PhaseFactory(
        edition=EditionFactory(year=now.year),
        process=Process.STOCKTAKING,
        key="submissions",
        opens_at=now - timedelta(days=30),
        closes_at=now - timedelta(minutes=1),
    )


def test_submission_is_refused_once_the_submission_phase_closed(draft, owner, closed_phase):
    with pytest.raises(ValidationError) as refused:
        services.submit(draft, owner)
    assert (refused.value.code, refused.value.messages) == (
        "closed",
        ["Submissions to the stocktaking are closed for this edition."],
    )
    assert Entry.objects.get(pk=draft.pk).state == "draft"
    assert not OutboundMail.objects.exists()


def test_refusal_after_the_deadline_is_translated(draft, owner, closed_phase):
    with pytest.raises(ValidationError) as refused:
        services.submit(draft, owner)
    with translation.override("ar"):
        assert refused.value.messages == ["أُغلق باب التقديم إلى منصة التقييم لهذه الدورة."]


def test_submission_phase_is_open_before_its_deadline(draft, owner, closed_phase):
    closed_phase.closes_at = timezone.now() + timedelta(days=1)
    closed_phase.save()
    assert services.submission_phase_is_open() is True
    services.submit(draft, owner)
    assert Entry.objects.get(pk=draft.pk).state == "submitted"


def test_closed_phase_of_another_process_does_not_stop_submissions(draft, owner, closed_phase):
    closed_phase.process = Process.PRIZES
    closed_phase.save()
    assert services.submission_phase_is_open() is True


def test_edition_without_a_submission_phase_leaves_submissions_open(closed_phase):
    closed_phase.key = "review"
    closed_phase.save()
    assert services.submission_phase_is_open() is True


# Review


def test_return_for_changes_keeps_the_comment_for_the_owner(submitted, clerk):
    services.return_for_changes(submitted, clerk, "  Please add the countries.  ")
    submitted.refresh_from_db()
    assert (submitted.state, submitted.review_comment, submitted.decided_by) == (
        "returned",
        "Please add the countries.",
        clerk,
    )


def test_return_mails_the_owner_with_the_comment(submitted, clerk):
    services.return_for_changes(submitted, clerk, "Please add the countries.")
    mail = OutboundMail.objects.filter(to=["amina@example.org"]).latest("id")
    assert mail.subject == "Stocktaking entry WSIS-ST-2026-00001: changes requested"
    assert "Please add the countries." in mail.body


def test_return_without_a_comment_is_refused(submitted, clerk):
    with pytest.raises(ValidationError) as refused:
        services.return_for_changes(submitted, clerk, "   ")
    assert refused.value.messages == ["Say what should be changed."]
    assert Entry.objects.get(pk=submitted.pk).state == "submitted"


def test_returned_entry_is_edited_and_submitted_again_under_the_same_reference(submitted, owner, clerk):
    services.return_for_changes(submitted, clerk, "Please add the countries.")
    services.save_content(
        submitted, entry_content(submitted.organisation, countries=["KE", "SN", "GH"]), owner
    )
    services.submit(submitted, owner)
    submitted.refresh_from_db()
    assert (submitted.state, submitted.reference, submitted.review_comment) == (
        "submitted",
        "WSIS-ST-2026-00001",
        "",
    )
    assert mails_to("amina@example.org") == [
        "Stocktaking entry WSIS-ST-2026-00001 received",
        "Stocktaking entry WSIS-ST-2026-00001: changes requested",
        "Stocktaking entry WSIS-ST-2026-00001 received",
    ]


def test_whole_review_cycle_is_audited_step_by_step(draft, owner, clerk):
    services.submit(draft, owner)
    services.return_for_changes(draft, clerk, "Add the dates.")
    services.save_content(draft, entry_content(draft.organisation, start_date=date(2026, 1, 1)), owner)
    services.submit(draft, owner)
    services.approve(draft, clerk)
    trail = AuditEntry.objects.filter(object_id=str(draft.pk)).order_by("id")
    assert [(audit.action, audit.actor) for audit in trail] == [
        ("created", owner),
        ("submitted", owner),
        ("returned", clerk),
        ("changed", owner),
        ("submitted", owner),
        ("accepted", clerk),
    ]
    draft.refresh_from_db()
    assert (draft.state, draft.reference, draft.start_date) == (
        "accepted",
        "WSIS-ST-2026-00001",
        date(2026, 1, 1),
    )


def test_approval_publishes_the_entry(submitted, clerk, time_machine):
    time_machine.move_to(datetime(2026, 4, 1, 8, 0, tzinfo=UTC), tick=False)
    services.approve(submitted, clerk)
    submitted.refresh_from_db()
    assert (submitted.state, submitted.published_at, submitted.year, submitted.decided_by) == (
        "accepted",
        datetime(2026, 4, 1, 8, 0, tzinfo=UTC),
        2026,
        clerk,
    )
    assert list(Entry.objects.published()) == [submitted]


def test_approval_at_new_year_in_geneva_counts_in_the_new_year(submitted, clerk, time_machine):
    time_machine.move_to(datetime(2026, 12, 31, 23, 30, tzinfo=UTC), tick=False)
    assert services.approve(submitted, clerk).year == 2027


def test_approval_mails_the_owner(submitted, clerk):
    services.approve(submitted, clerk)
    assert mails_to("amina@example.org")[-1] == "Stocktaking entry WSIS-ST-2026-00001 is published"


def test_approval_is_audited(submitted, clerk):
    services.approve(submitted, clerk)
    audit = AuditEntry.objects.get(action="accepted")
    assert (audit.actor, audit.changes) == (clerk, {"state": ["submitted", "accepted"]})


def test_rejection_keeps_the_reason_and_mails_it(submitted, clerk):
    services.reject(submitted, clerk, "Not about ICTs.")
    submitted.refresh_from_db()
    assert (submitted.state, submitted.review_comment) == ("rejected", "Not about ICTs.")
    mail = OutboundMail.objects.filter(to=["amina@example.org"]).latest("id")
    assert mail.subject == "Stocktaking entry WSIS-ST-2026-00001 not accepted"
    assert "Not about ICTs." in mail.body
    assert AuditEntry.objects.get(action="rejected").note == "Not about ICTs."


def test_rejection_without_a_reason_is_refused(submitted, clerk):
    with pytest.raises(ValidationError) as refused:
        services.reject(submitted, clerk, "")
    assert refused.value.messages == ["Give the reason."]


@pytest.mark.parametrize("decide", [services.approve, services.return_for_changes, services.reject])
def test_only_the_secretariat_reviews(submitted, owner, decide):
    arguments = (submitted, owner) if decide is services.approve else (submitted, owner, "x")
    with pytest.raises(PermissionDenied):
        decide(*arguments)
    assert Entry.objects.get(pk=submitted.pk).state == "submitted"


def test_staff_without_the_secretariat_role_may_not_review(submitted):
    with pytest.raises(PermissionDenied):
        services.approve(submitted, UserFactory(is_staff=True))


def test_draft_cannot_be_approved(draft, clerk):
    with pytest.raises(ValidationError):
        services.approve(draft, clerk)
    assert not Entry.objects.published().exists()


def test_publication_renews_the_cached_search_figures(submitted, clerk, django_capture_on_commit_callbacks):
    assert search.total(SearchParams()) == 0
    with django_capture_on_commit_callbacks(execute=True):
        services.approve(submitted, clerk)
    assert search.total(SearchParams()) == 1


def test_cache_outage_after_the_commit_does_not_fail_the_approval(
    submitted, clerk, monkeypatch, django_capture_on_commit_callbacks
):
    def unreachable():
        raise ConnectionError("cache unreachable")

    monkeypatch.setattr(search, "published_changed", unreachable)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.approve(submitted, clerk)
    assert unreachable in callbacks
    assert Entry.objects.get(pk=submitted.pk).state == "accepted"


def test_imported_entry_without_owner_is_approved_without_mail(clerk):
    entry = SubmittedEntryFactory(owner=None)
    services.approve(entry, clerk)
    assert OutboundMail.objects.count() == 0


def test_publish_helper_goes_through_the_services(db):
    entry = publish(EntryFactory())
    assert (entry.state, entry.reference) == ("accepted", "WSIS-ST-2026-00001")


def test_deleting_a_published_entry_renews_the_cached_search_figures(db, django_capture_on_commit_callbacks):
    entry = PublishedEntryFactory()
    assert search.total(SearchParams()) == 1
    with django_capture_on_commit_callbacks(execute=True):
        entry.delete()
    assert search.total(SearchParams()) == 0


def test_an_entry_for_an_organisation_one_does_not_act_for_is_refused_and_nothing_is_stored(owner):
    with pytest.raises(ValidationError) as refused:
        services.save_content(Entry(), entry_content(OrganisationFactory()), owner)
    assert refused.value.message_dict == {
        "organisation": ["You can act only for an organization you are a confirmed focal point of."]
    }
    assert not Entry.objects.exists()


def test_a_draft_cannot_be_moved_to_an_organisation_one_does_not_act_for(draft, owner):
    with pytest.raises(ValidationError):
        services.save_content(draft, entry_content(OrganisationFactory(), title="Moved"), owner)
    draft.refresh_from_db()
    assert draft.title != "Moved"


def test_an_account_whose_address_is_not_confirmed_creates_no_entry(draft, owner):
    EmailAddress.objects.filter(user=owner).update(verified=False)
    with pytest.raises(PermissionDenied):
        services.save_content(Entry(), entry_content(draft.organisation), owner)
    assert Entry.objects.count() == 1


def test_the_returned_mail_keeps_what_the_secretariat_typed_as_typed(submitted, clerk):
    services.return_for_changes(submitted, clerk, "Please add the partners' names & their countries.")
    body = OutboundMail.objects.filter(to=["amina@example.org"]).latest("id").body
    assert "Please add the partners' names & their countries." in body
    assert "&amp;" not in body and "&#x27;" not in body
