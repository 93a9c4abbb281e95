"""Shared by the stocktaking tests: an owner, a clerk, and a draft that goes through the services; for the
public side, three published entries with distinct tags, and entries in every state the public must never
see, worded and tagged so that they would match if they leaked."""

import pytest

from stocktaking import services
from stocktaking.models import Entry
from tests.factories import FocalPointFactory, OrganisationFactory, SecretariatFactory, UserFactory
from tests.stocktaking.factories import (
    EntryFactory,
    PublishedEntryFactory,
    SubmittedEntryFactory,
    entry_content,
)


@pytest.fixture
def owner(db):
    return UserFactory(full_name="Amina Diallo", email="amina@example.org")


@pytest.fixture
def clerk(db):
    return SecretariatFactory()


@pytest.fixture
def draft(owner):
    organisation = OrganisationFactory(name="Community Networks Alliance", stakeholder_type="civil_society")
    FocalPointFactory(user=owner, organisation=organisation, status="confirmed")
    return services.save_content(Entry(), entry_content(organisation), owner)


@pytest.fixture
def submitted(draft, owner):
    return services.submit(draft, owner)


@pytest.fixture
def published(db):
    return {
        "networks": PublishedEntryFactory(
            title="Community networks for rural broadband",
            description="Cooperatives run wireless networks.",
            kind="initiative",
            stakeholder_type="civil_society",
            action_lines=["C2", "C6"],
            countries=["KE", "SN"],
            regions=["africa"],
            sdgs=[9],
            year=2024,
        ),
        "library": PublishedEntryFactory(
            title="Digital library on wheels",
            description="Buses bring computers and broadband to villages.",
            kind="project",
            stakeholder_type="academia",
            action_lines=["C3", "C4"],
            countries=["EG"],
            regions=["arab-states"],
            sdgs=[4, 5],
            year=2025,
        ),
        "health": PublishedEntryFactory(
            title="E-health records for rural clinics",
            description="Patient records on tablets.",
            kind="project",
            stakeholder_type="civil_society",
            action_lines=["C7.4"],
            countries=["KE"],
            regions=["africa"],
            sdgs=[3],
            year=2026,
        ),
    }


@pytest.fixture
def unpublished(published):
    """Entries in every state the public must not see, tagged and worded so that they would match."""
    tags = {
        "title": "Hidden broadband library networks",
        "action_lines": ["C2", "C3"],
        "countries": ["KE", "FR"],
        "regions": ["africa", "europe"],
        "sdgs": [9, 17],
        "stakeholder_type": "government",
    }
    entries = [
        EntryFactory(**tags),
        SubmittedEntryFactory(**tags),
        SubmittedEntryFactory(state="returned", **tags),
        SubmittedEntryFactory(state="rejected", year=2019, **tags),
        EntryFactory(revision_of=published["networks"], **tags),
        SubmittedEntryFactory(revision_of=published["library"], **tags),
    ]
    entries += [
        SubmittedEntryFactory(state="rejected", revision_of=published["health"], year=2019, **tags),
        # An accepted revision lives only for an instant, until it is applied; it must not show either.
        SubmittedEntryFactory(state="accepted", revision_of=published["health"], year=2019, **tags),
    ]
    return entries
