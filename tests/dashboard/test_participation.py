""" "My participation": the signed-in user's own view."""

import pytest

from tests.factories import EditionFactory, FocalPointFactory, UserFactory


def test_dashboard_requires_sign_in(client, db):
    assert client.get("/ar/me/")["Location"] == "/ar/accounts/login/?next=/ar/me/"


def test_dashboard_lists_the_users_focal_point_requests(client, db):
    focal_point = FocalPointFactory(organisation__name="Pacific Open Data Lab")
    FocalPointFactory(organisation__name="Someone else's organisation")
    client.force_login(focal_point.user)
    html = client.get("/en/me/").content.decode()
    assert "Pacific Open Data Lab</span> — Awaiting confirmation" in html
    assert "Someone else" not in html


def test_incomplete_profile_is_pointed_out(client, db):
    client.force_login(UserFactory(full_name="", stakeholder_type="", country=""))
    assert "Your profile is not complete" in client.get("/en/me/").content.decode()


def test_complete_profile_is_not_nagged(client, user):
    client.force_login(user)
    assert "Your profile is not complete" not in client.get("/en/me/").content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_dashboard_query_count_does_not_grow_with_requests(client, db, django_assert_num_queries, count):
    EditionFactory()
    user = UserFactory()
    FocalPointFactory.create_batch(count, user=user)
    client.force_login(user)
    # session, user, edition, phases, focal points, the user's organisation, stocktaking entries
    with django_assert_num_queries(11):
        client.get("/en/me/")
