"""Shared by the reminder tests: a draft contribution to the 2026 consultation (deadline 20 March 2026,
23:59 Geneva time) and a clock one day after its 7-day reminder fell due."""

import pytest

from tests.consultations.factories import ContributionFactory
from tests.factories import UserFactory
from wsis_portal.editions.schedule import geneva_time

# The 7-day reminder is due on 13 March 23:59 (Geneva), the 1-day one on 19 March 23:59.
AFTER_SEVEN_DAYS = geneva_time(2026, 3, 14, 10, 0)
AFTER_ONE_DAY = geneva_time(2026, 3, 20, 9, 0)


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(AFTER_SEVEN_DAYS, tick=False)
    return time_machine


@pytest.fixture
def owner(db):
    return UserFactory(email="amina@example.org", full_name="Amina Diallo", preferred_language="en")


@pytest.fixture
def draft(owner, clock):
    return ContributionFactory(owner=owner, title="Community networks first")
