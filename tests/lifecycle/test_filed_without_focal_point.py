"""Items stored for an organisation by someone who was not its confirmed focal point at the time: listed by
``manage.py filed_without_focal_point`` and by a filter of each process's admin list, never changed."""

from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import call_command

from consultations.models import Contribution
from prizes.models import Submission
from stocktaking.models import Entry
from tests.consultations.factories import ContributionFactory, NominationFactory, WorkshopRequestFactory
from tests.factories import (
    FocalPointFactory,
    OrganisationFactory,
    PrizeSubmissionFactory,
    SecretariatFactory,
    UserFactory,
)
from tests.stocktaking.factories import EntryFactory

pytestmark = pytest.mark.django_db

FILED = datetime(2026, 3, 2, 10, tzinfo=UTC)

LEGACY = [
    (EntryFactory, "stocktaking/entry"),
    (ContributionFactory, "consultations/contribution"),
    (WorkshopRequestFactory, "consultations/workshoprequest"),
    (NominationFactory, "consultations/facilitatornomination"),
    (PrizeSubmissionFactory, "prizes/submission"),
]


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Andes Cloud Services")


def legacy(factory, organisation, **kwargs):
    """An item of ``factory`` filed on 2 March 2026 by an account that was never the organisation's focal
    point (as the forms allowed before)."""
    item = factory(organisation=organisation, filed_by_focal_point=False, **kwargs)
    type(item).objects.filter(pk=item.pk).update(created_at=FILED)
    return item


@pytest.mark.parametrize(("factory", "admin_path"), LEGACY, ids=[path for _f, path in LEGACY])
def test_an_item_filed_by_someone_else_is_listed_and_one_filed_by_a_focal_point_is_not(
    client, organisation, factory, admin_path
):
    flagged = legacy(factory, organisation, owner=UserFactory(email="visitor@example.org"))
    filed_properly = factory(organisation=organisation)  # its owner is a confirmed focal point
    model = type(flagged)
    assert list(model.objects.filed_without_focal_point()) == [flagged]
    client.force_login(SecretariatFactory())
    listed = client.get(f"/en/admin/{admin_path}/?without_focal_point=yes")
    assert [row.pk for row in listed.context["cl"].result_list] == [flagged.pk]
    kept = client.get(f"/en/admin/{admin_path}/?without_focal_point=no")
    assert [row.pk for row in kept.context["cl"].result_list] == [filed_properly.pk]


def test_a_confirmation_after_the_filing_does_not_cover_it_and_one_before_does(organisation):
    late, early = UserFactory(), UserFactory()
    late_item = legacy(ContributionFactory, organisation, owner=late)
    early_item = legacy(ContributionFactory, organisation, owner=early)
    FocalPointFactory(
        user=late, organisation=organisation, status="confirmed", decided_at=datetime(2026, 4, 1, tzinfo=UTC)
    )
    FocalPointFactory(
        user=early, organisation=organisation, status="confirmed", decided_at=datetime(2026, 1, 5, tzinfo=UTC)
    )
    assert list(Contribution.objects.filed_without_focal_point()) == [late_item]
    assert early_item.pk != late_item.pk


def test_a_nomination_of_a_prize_and_an_item_with_no_owner_are_not_listed(organisation):
    PrizeSubmissionFactory(kind="nomination", organisation=organisation, filed_by_focal_point=False)
    legacy(EntryFactory, organisation, owner=None)
    assert not Submission.objects.filed_without_focal_point().exists()
    assert not Entry.objects.filed_without_focal_point().exists()


def test_the_command_lists_them_and_changes_nothing(organisation):
    entry = legacy(
        EntryFactory, organisation, owner=UserFactory(email="visitor@example.org"), title="Old entry"
    )
    EntryFactory(organisation=organisation)
    before = list(Entry.objects.order_by("pk").values())
    out = StringIO()
    call_command("filed_without_focal_point", stdout=out)
    lines = out.getvalue().splitlines()
    assert "stocktaking entries: 1  (/en/admin/stocktaking/entry/?without_focal_point=yes)" in lines
    assert (
        f"  #{entry.pk}  draft  2026-03-02 10:00 UTC  for Andes Cloud Services  by visitor@example.org"
        in lines
    )
    assert lines[-1] == "1 item(s) filed without a confirmed focal point."
    assert list(Entry.objects.order_by("pk").values()) == before
