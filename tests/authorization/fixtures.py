"""The matrix's world and one signed-in client per role, as fixtures (tests/conftest.py makes them
available to every test that asks for ``world`` or ``clients``)."""

import pytest
from django.test import Client

from .world import NOW, ROLES, build_world


@pytest.fixture
def world(time_machine):
    time_machine.move_to(NOW, tick=False)
    return build_world()


@pytest.fixture
def clients(world):
    """One client per role, signed in with ``force_login`` (the unverified account could not sign in)."""
    found = {"anonymous": Client()}
    for role in ROLES[1:]:
        found[role] = Client()
        found[role].force_login(world.users[role])
    return found
