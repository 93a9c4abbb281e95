"""What the database itself guarantees about entries, and the querysets every page starts from."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from stocktaking.models import Entry, EntryActionLine
from tests.factories import FocalPointFactory, UserFactory
from tests.stocktaking.factories import EntryFactory, PublishedEntryFactory, SubmittedEntryFactory
from wsis_portal.editions.models import ActionLine

pytestmark = pytest.mark.django_db


def test_entry_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        EntryFactory(start_date=date(2026, 5, 1), end_date=date(2026, 4, 30))


def test_entry_has_one_main_action_line_at_most():
    entry = EntryFactory(action_lines=["C3"])
    with pytest.raises(IntegrityError), transaction.atomic():
        EntryActionLine.objects.create(
            entry=entry, action_line=ActionLine.objects.get(code="C4"), is_main=True
        )


def test_entry_is_tagged_with_an_action_line_once():
    entry = EntryFactory(action_lines=["C3"])
    with pytest.raises(IntegrityError), transaction.atomic():
        EntryActionLine.objects.create(entry=entry, action_line=ActionLine.objects.get(code="C3"))


def test_closed_revisions_do_not_count_against_the_open_one():
    published = PublishedEntryFactory()
    SubmittedEntryFactory(revision_of=published, state="rejected")
    SubmittedEntryFactory(revision_of=published, state="rejected")
    assert EntryFactory(revision_of=published).state == "draft"


def test_published_means_accepted_and_not_a_revision():
    published = PublishedEntryFactory()
    SubmittedEntryFactory(revision_of=published, state="accepted")
    for state in ("draft", "submitted", "returned", "rejected"):
        SubmittedEntryFactory(state=state)
    assert list(Entry.objects.published()) == [published]


def test_revision_points_to_the_address_of_the_published_entry():
    published = PublishedEntryFactory()
    revision = EntryFactory(revision_of=published)
    assert (revision.is_revision, revision.get_absolute_url()) == (
        True,
        f"/en/stocktaking/entries/{published.pk}/",
    )


def test_main_action_line_is_the_one_marked_main():
    entry = EntryFactory(action_lines=["C4", "C3"])
    assert entry.main_action_line.code == "C4"


def test_editable_by_the_owner_and_confirmed_focal_points_only():
    focal_point = FocalPointFactory(status="confirmed")
    pending = FocalPointFactory(organisation=focal_point.organisation)
    entry = EntryFactory(organisation=focal_point.organisation)
    assert list(Entry.objects.editable_by(entry.owner)) == [entry]
    assert list(Entry.objects.editable_by(focal_point.user)) == [entry]
    assert list(Entry.objects.editable_by(pending.user)) == []
    assert list(Entry.objects.editable_by(UserFactory())) == []


def test_entry_editable_through_two_confirmed_focal_points_is_listed_once():
    focal_point = FocalPointFactory(status="confirmed")
    FocalPointFactory(organisation=focal_point.organisation, status="confirmed")
    entry = EntryFactory(organisation=focal_point.organisation, owner=focal_point.user)
    assert list(Entry.objects.editable_by(focal_point.user)) == [entry]
