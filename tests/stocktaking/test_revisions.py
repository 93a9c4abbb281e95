"""Changing a published entry: a revision carries the changes while the published version stays visible
and unchanged; approval applies them to the published entry, which keeps its reference and address."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from stocktaking import search, services
from stocktaking.models import Entry
from stocktaking.search import SearchParams
from tests.factories import FocalPointFactory, UserFactory
from tests.stocktaking.factories import EntryFactory, action_lines, entry_content
from wsis_portal.lifecycle.models import AuditEntry
from wsis_portal.mail.models import OutboundMail

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(submitted, clerk):
    return services.approve(submitted, clerk)


def test_editing_a_published_entry_opens_a_revision_with_its_content(approved, owner):
    revision = services.revision_for(approved, owner)
    assert (revision.state, revision.revision_of, revision.reference, revision.title, revision.owner) == (
        "draft",
        approved,
        None,
        "Community networks for rural broadband",
        owner,
    )
    assert sorted(revision.action_line_links.values_list("action_line__code", "is_main")) == [
        ("C2", True),
        ("C6", False),
    ]
    assert sorted(revision.country_links.values_list("country", flat=True)) == ["KE", "SN"]
    assert sorted(revision.sdgs.values_list("number", flat=True)) == [9, 11]


def test_revision_is_audited_as_created(approved, owner):
    revision = services.revision_for(approved, owner)
    audit = AuditEntry.objects.get(action="created", object_id=str(revision.pk))
    assert (audit.actor, audit.note) == (owner, "revision of WSIS-ST-2026-00001")


def test_entry_has_one_open_revision_at_a_time(approved, owner):
    first = services.revision_for(approved, owner)
    assert services.revision_for(approved, owner) == first
    assert approved.revisions.count() == 1


def test_database_refuses_a_second_open_revision(approved, owner):
    services.revision_for(approved, owner)
    with pytest.raises(IntegrityError), transaction.atomic():
        EntryFactory(revision_of=approved, state="submitted")


def test_someone_else_may_not_open_a_revision(approved):
    with pytest.raises(PermissionDenied):
        services.revision_for(approved, UserFactory())
    assert not approved.revisions.exists()


def test_published_version_stays_visible_and_unchanged_until_approval(approved, owner):
    revision = services.revision_for(approved, owner)
    services.save_content(
        revision, entry_content(approved.organisation, title="Community networks, phase two"), owner
    )
    services.submit(revision, owner)
    approved.refresh_from_db()
    assert list(Entry.objects.published()) == [approved]
    assert approved.title == "Community networks for rural broadband"
    assert search.total(SearchParams(q="phase two")) == 0


def test_approved_revision_is_applied_to_the_published_entry(approved, owner, clerk):
    published_at = approved.published_at
    revision = services.revision_for(approved, owner)
    changed = entry_content(
        approved.organisation, title="Community networks, phase two", action_lines=action_lines("C4")
    )
    services.save_content(revision, changed, owner)
    services.submit(revision, owner)
    result = services.approve(revision, clerk)
    approved.refresh_from_db()
    assert result == approved
    assert (approved.title, approved.reference, approved.published_at, approved.state) == (
        "Community networks, phase two",
        "WSIS-ST-2026-00001",
        published_at,
        "accepted",
    )
    assert approved.get_absolute_url() == f"/en/stocktaking/entries/{approved.pk}/"
    assert list(approved.action_line_links.values_list("action_line__code", flat=True)) == ["C4"]
    assert not Entry.objects.filter(pk=revision.pk).exists()
    assert search.total(SearchParams(q="phase two")) == 1


def test_applied_revision_is_audited_with_what_changed(approved, owner, clerk):
    revision = services.revision_for(approved, owner)
    services.save_content(revision, entry_content(approved.organisation, title="Phase two"), owner)
    services.submit(revision, owner)
    services.approve(revision, clerk)
    audit = AuditEntry.objects.get(action="revision_applied")
    assert (audit.actor, audit.object_id, audit.changes) == (
        clerk,
        str(approved.pk),
        {"title": ["Community networks for rural broadband", "Phase two"]},
    )


def test_rejected_revision_leaves_the_published_entry_and_a_new_one_may_be_opened(approved, owner, clerk):
    revision = services.revision_for(approved, owner)
    services.save_content(revision, entry_content(approved.organisation, title="Phase two"), owner)
    services.submit(revision, owner)
    services.reject(revision, clerk, "No.")
    assert Entry.objects.get(pk=approved.pk).title == "Community networks for rural broadband"
    assert services.revision_for(approved, owner) != revision


def test_focal_point_may_revise_an_entry_of_the_organisation(approved, clerk):
    focal_point = FocalPointFactory(organisation=approved.organisation, status="confirmed")
    revision = services.revision_for(approved, focal_point.user)
    services.save_content(revision, entry_content(approved.organisation, title="Phase two"), focal_point.user)
    services.submit(revision, focal_point.user)
    services.approve(revision, clerk)
    assert Entry.objects.get(pk=approved.pk).title == "Phase two"


def test_author_of_an_approved_revision_is_told(approved, clerk):
    focal_point = FocalPointFactory(
        organisation=approved.organisation, status="confirmed", user__email="focal@example.org"
    )
    revision = services.revision_for(approved, focal_point.user)
    services.submit(revision, focal_point.user)
    services.approve(revision, clerk)
    mail = OutboundMail.objects.filter(to=["focal@example.org"]).latest("id")
    assert mail.subject == "Stocktaking entry WSIS-ST-2026-00001 is published"


def test_owner_may_edit_the_revision_a_focal_point_opened(approved, owner):
    focal_point = FocalPointFactory(organisation=approved.organisation, status="confirmed")
    revision = services.revision_for(approved, focal_point.user)
    assert services.revision_for(approved, owner) == revision
    services.save_content(revision, entry_content(approved.organisation, title="Phase two"), owner)
    assert Entry.objects.get(pk=revision.pk).title == "Phase two"


def test_stranger_may_not_edit_an_open_revision(approved, owner):
    revision = services.revision_for(approved, owner)
    with pytest.raises(PermissionDenied):
        services.save_content(revision, entry_content(approved.organisation, title="Hijacked"), UserFactory())


def test_submitted_revision_goes_by_the_reference_of_the_published_entry(approved, owner):
    revision = services.revision_for(approved, owner)
    services.submit(revision, owner)
    revision.refresh_from_db()
    assert (revision.reference, revision.public_reference) == (None, "WSIS-ST-2026-00001")
    receipt = OutboundMail.objects.filter(to=[owner.email]).latest("id")
    assert "WSIS-ST-2026-00001" in receipt.subject


def test_revision_removed_by_another_clerk_is_refused_cleanly(approved, owner, clerk):
    from wsis_portal.lifecycle.transitions import TransitionRefused

    revision = services.revision_for(approved, owner)
    services.submit(revision, owner)
    stale_copy = Entry.objects.get(pk=revision.pk)
    services.approve(revision, clerk)
    with pytest.raises(TransitionRefused) as refused:
        services.approve(stale_copy, clerk)
    assert refused.value.code == "gone"
