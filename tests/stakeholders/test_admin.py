"""The secretariat's screens: focal points confirmed in bulk, roles limited to what they need."""

import pytest
from django.contrib import messages
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages

from tests.factories import FocalPointFactory, SecretariatFactory, UserFactory
from wsis_portal.lifecycle.models import AuditEntry
from wsis_portal.stakeholders.models import FocalPoint
from wsis_portal.stakeholders.roles import SECRETARIAT_PERMISSIONS

CHANGELIST = "/ar/admin/stakeholders/focalpoint/"


def test_secretariat_confirms_selected_focal_points_from_the_arabic_list(client, secretariat):
    pending = FocalPointFactory.create_batch(2)
    client.force_login(secretariat)
    response = client.post(
        CHANGELIST, {"action": "confirm_selected", "_selected_action": [f.pk for f in pending]}, follow=True
    )
    assert "أُكِّدت جهتا تنسيق (2)." in response.content.decode()
    assert set(FocalPoint.objects.values_list("status", flat=True)) == {"confirmed"}
    assert AuditEntry.objects.filter(action="focal_point.confirmed").count() == 2


def test_already_decided_requests_are_reported_and_left_alone(client, secretariat):
    decided = FocalPointFactory(status=FocalPoint.Status.DECLINED)
    client.force_login(secretariat)
    response = client.post(
        "/en/admin/stakeholders/focalpoint/",
        {"action": "confirm_selected", "_selected_action": [decided.pk]},
        follow=True,
    )
    assert "1 request was already decided and was left as it was." in response.content.decode()
    decided.refresh_from_db()
    assert decided.status == FocalPoint.Status.DECLINED


def test_confirming_from_the_pending_filter_counts_the_selection_before_deciding(client, secretariat):
    pending = FocalPointFactory.create_batch(2)
    client.force_login(secretariat)
    response = client.post(
        "/en/admin/stakeholders/focalpoint/?status__exact=pending",
        {"action": "confirm_selected", "_selected_action": [f.pk for f in pending]},
    )
    assert response.status_code == 302
    assert [(m.level, str(m)) for m in get_messages(response.wsgi_request)] == [
        (messages.SUCCESS, "2 focal points confirmed.")
    ]
    assert set(FocalPoint.objects.values_list("status", flat=True)) == {"confirmed"}


def test_list_filters_by_status(client, secretariat):
    FocalPointFactory(organisation__name="Pending Org")
    FocalPointFactory(organisation__name="Declined Org", status=FocalPoint.Status.DECLINED)
    client.force_login(secretariat)
    html = client.get("/en/admin/stakeholders/focalpoint/?status__exact=pending").content.decode()
    assert "Pending Org" in html
    assert "Declined Org" not in html


def test_secretariat_role_has_exactly_its_permissions(db):
    granted = {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name="secretariat").permissions.select_related("content_type")
    }
    expected = {
        f"{app}.{action}_{model}"
        for app, models in SECRETARIAT_PERMISSIONS.items()
        for model, actions in models.items()
        for action in actions
    }
    assert granted == expected


def test_reviewer_role_has_no_admin_permission(db):
    assert Group.objects.get(name="reviewer").permissions.count() == 0


def test_staff_without_a_role_cannot_open_the_focal_points(client, db):
    client.force_login(UserFactory(is_staff=True))
    assert client.get("/en/admin/stakeholders/focalpoint/").status_code == 403


def test_stakeholder_cannot_open_the_admin(client, user):
    client.force_login(user)
    response = client.get("/en/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/admin/login/")


def test_secretariat_cannot_hand_out_roles(client, secretariat):
    someone = UserFactory()
    client.force_login(secretariat)
    client.post(
        f"/en/admin/stakeholders/user/{someone.pk}/change/",
        {
            "email": someone.email,
            "full_name": "X",
            "preferred_language": "en",
            "is_active": "on",
            "is_staff": "on",
            "is_superuser": "on",
            "groups": [Group.objects.get(name="secretariat").pk],
            "date_joined_0": "2026-01-01",
            "date_joined_1": "00:00:00",
        },
    )
    someone.refresh_from_db()
    assert (someone.is_staff, someone.is_superuser, someone.groups.count()) == (False, False, 0)


def test_secretariat_cannot_change_a_staff_account_or_its_password(client, secretariat):
    administrator = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(secretariat)
    page = client.get(f"/en/admin/stakeholders/user/{administrator.pk}/change/").content.decode()
    assert 'name="full_name"' not in page
    response = client.post(
        f"/en/admin/stakeholders/user/{administrator.pk}/password/",
        {"password1": "taken-over-2026!", "password2": "taken-over-2026!"},
    )
    assert response.status_code == 403
    administrator.refresh_from_db()
    assert not administrator.check_password("taken-over-2026!")


@pytest.mark.parametrize(
    "path",
    [
        "/ar/admin/stakeholders/user/",
        "/ar/admin/stakeholders/organisation/",
        "/ar/admin/stakeholders/memberstate/",
        "/ar/admin/stakeholders/focalpoint/",
        "/ar/admin/editions/edition/",
        "/ar/admin/editions/phase/",
        "/ar/admin/editions/actionline/",
        "/ar/admin/lifecycle/auditentry/",
        "/ar/admin/mail/outboundmail/",
    ],
)
def test_secretariat_lists_open_in_arabic(client, db, path):
    FocalPointFactory()
    client.force_login(SecretariatFactory())
    response = client.get(path)
    assert response.status_code == 200
    assert 'dir="rtl"' in response.content.decode()


def test_member_state_list_filters_those_with_a_minister(client, secretariat):
    from wsis_portal.stakeholders.models import MemberState

    MemberState.objects.filter(country="JO").update(
        minister_name_en="Lina Haddad", minister_name="Lina Haddad"
    )
    client.force_login(secretariat)
    response = client.get("/en/admin/stakeholders/memberstate/?has_minister=yes")
    assert response.context["cl"].result_count == 1


@pytest.mark.parametrize(
    ("path", "term", "found"),
    [
        ("/ar/admin/stakeholders/memberstate/", "الأردن", ["JO"]),
        ("/ar/admin/stakeholders/memberstate/", "الاردن", ["JO"]),  # written without the hamza
        ("/ar/admin/stakeholders/memberstate/", "ایران", ["IR"]),  # farsi yeh, typed on a Persian keyboard
        ("/ar/admin/stakeholders/memberstate/", "کینیا", ["KE"]),  # keheh and farsi yeh
        ("/en/admin/stakeholders/memberstate/", "jordan", ["JO"]),
        ("/en/admin/stakeholders/memberstate/", "JO", ["JO"]),  # the code still finds it
    ],
)
def test_member_states_are_found_by_their_name_in_the_officers_language(
    client, secretariat, path, term, found
):
    client.force_login(secretariat)
    response = client.get(path, {"q": term})
    assert [state.country.code for state in response.context["cl"].result_list] == found
