"""The accounts and pages the upload tests post to: a stakeholder with an organisation, and the page
where Egypt's protocol office requests speaking slots (its invitation link, or its own account)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from forum_events import high_level
from tests.factories import EditionFactory, OrganisationFactory, PhaseFactory, UserFactory
from tests.forum_events.test_invitation import invite, page, policy_session
from wsis_portal.editions.models import Process
from wsis_portal.stakeholders.models import MemberState


@pytest.fixture
def owner():
    return UserFactory(organisation=OrganisationFactory(name="Nile Digital Inclusion Forum"))


@pytest.fixture
def edition():
    edition = EditionFactory(year=2027)
    now = timezone.now()
    PhaseFactory(
        edition=edition,
        process=Process.FORUM,
        key=high_level.CONFIRMATIONS_PHASE,
        name_en="Confirmations of the high-level track",
        name_ar="تأكيدات المسار الرفيع المستوى",
        opens_at=now - timedelta(days=30),
        closes_at=now + timedelta(days=10),
    )
    return edition


@pytest.fixture
def session(edition):
    return policy_session(edition, "Policy session 1: Bridging the digital divide", 6, 5)


@pytest.fixture(params=["link", "account"])
def request_page(request, client, edition):
    """The page where Egypt's protocol office requests slots: its invitation link, or its own account."""
    invitation, token = invite(edition)
    if request.param == "link":
        return invitation, lambda language: page(token, language)
    client.force_login(UserFactory(member_state=MemberState.objects.get(country="EG")))
    return invitation, lambda language: f"/{language}/forum/high-level/"
