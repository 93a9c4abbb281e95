"""Shared by the prize tests: a cycle open in February 2026, a confirmed focal point of an organisation,
and the content the draft form hands to the services."""

from datetime import UTC, datetime

import pytest

from prizes import services
from prizes.models import Submission
from tests.factories import (
    FocalPointFactory,
    OrganisationFactory,
    PrizeCycleFactory,
    UserFactory,
    prize_category,
)
from wsis_portal.editions.models import GDCObjective, SustainableDevelopmentGoal

SHORT = "Buses bring computers and broadband to remote villages every week."  # 10 words


@pytest.fixture
def in_february(time_machine):
    time_machine.move_to(datetime(2026, 2, 10, 12, 0, tzinfo=UTC), tick=False)


@pytest.fixture
def cycle(db, in_february):
    return PrizeCycleFactory()


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Nile Digital Inclusion Forum", country="EG")


@pytest.fixture
def owner(organisation):
    user = UserFactory(full_name="Amina Diallo", email="amina@example.org", organisation=organisation)
    FocalPointFactory(user=user, organisation=organisation, status="confirmed")
    return user


def content(organisation, **changes):
    """What the draft form hands to ``services.save_draft``: a complete, eligible project in C3."""
    return {
        "category": prize_category("C3"),
        "organisation": organisation,
        "title": "Mobile digital libraries",
        "language": "en",
        "short_description": SHORT,
        "description": "Buses with computers visit villages; librarians teach digital skills.",
        "impact_qualitative": "Women and young people find work online.",
        "impact_quantitative": "12,000 people trained since 2022.",
        "partnerships": "Ministry of Education, two universities.",
        "challenges": "Roads in the rainy season.",
        "future_plans": "Ten more buses by 2028.",
        "project_status": "completed",
        "website": "https://example.org/libraries",
        "stocktaking_entry": None,
        "contact_name": "",
        "contact_email": "",
        "sdgs": list(SustainableDevelopmentGoal.objects.filter(number__in=[4, 5])),
        "gdc_objectives": list(GDCObjective.objects.filter(number=1)),
        **changes,
    }


@pytest.fixture
def draft(cycle, owner, organisation):
    return services.save_draft(Submission(cycle=cycle, kind="submission"), content(organisation), owner)


@pytest.fixture
def nominator(db):
    return UserFactory(full_name="Omar Nominator", email="omar@example.org", preferred_language="en")


@pytest.fixture
def nomination_draft(cycle, nominator):
    project_owner = OrganisationFactory(name="Community Networks Alliance", country="ZA")
    data = content(
        project_owner,
        title="Community networks for rural broadband",
        contact_name="Thandi Mokoena",
        contact_email="thandi@cna.example.org",
    )
    return services.save_draft(Submission(cycle=cycle, kind="nomination"), data, nominator)
