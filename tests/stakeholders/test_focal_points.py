"""Acting for an organisation: requested by the user, decided by the secretariat through services that
record the audit entry and mail the user in their language."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import FocalPointFactory, OrganisationFactory, UserFactory
from wsis_portal.lifecycle.models import AuditEntry
from wsis_portal.mail.models import OutboundMail
from wsis_portal.stakeholders import services
from wsis_portal.stakeholders.models import FocalPoint, Organisation


def test_request_for_a_listed_organisation_is_pending(client, user):
    organisation = OrganisationFactory()
    client.force_login(user)
    response = client.post(
        "/en/me/organizations/", {"organisation": organisation.pk, "motivation": "Coordinator"}
    )
    assert response["Location"] == "/en/me/organizations/"
    focal_point = FocalPoint.objects.get(user=user)
    assert (focal_point.organisation, focal_point.status) == (organisation, FocalPoint.Status.PENDING)
    assert (
        AuditEntry.objects.filter(action="focal_point.requested", object_id=str(focal_point.pk)).count() == 1
    )


def test_request_for_a_new_organisation_proposes_it_unverified(client, user):
    client.force_login(user)
    client.post(
        "/en/me/organizations/",
        {
            "new_name": "Jeunes du Numérique",
            "new_stakeholder_type": "civil_society",
            "new_country": "SN",
            "motivation": "Founder",
        },
    )
    organisation = Organisation.objects.get(name="Jeunes du Numérique")
    assert (organisation.is_verified, organisation.proposed_by) == (False, user)
    assert FocalPoint.objects.get(user=user).organisation == organisation


def test_proposed_organisation_is_hidden_from_other_users(user):
    services.request_focal_point(user, new_organisation={"name": "New Org", "stakeholder_type": "academia"})
    assert not Organisation.objects.visible_to(UserFactory()).filter(name="New Org").exists()
    assert Organisation.objects.visible_to(user).filter(name="New Org").exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"motivation": "x"}, "Choose an organization from the list or propose a new one."),
        ({"new_name": "Org", "motivation": "x"}, "Give the stakeholder type of the new organization."),
    ],
)
def test_incomplete_request_is_refused_and_stores_nothing(client, user, data, message):
    client.force_login(user)
    response = client.post("/en/me/organizations/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not FocalPoint.objects.exists()
    assert not Organisation.objects.filter(name="Org").exists()


def test_second_request_for_the_same_organisation_is_refused(client, user):
    organisation = OrganisationFactory()
    client.force_login(user)
    client.post("/ar/me/organizations/", {"organisation": organisation.pk, "motivation": "x"})
    response = client.post("/ar/me/organizations/", {"organisation": organisation.pk, "motivation": "x"})
    assert response.status_code == 400
    assert "سبق أن طلبت تمثيل هذه المنظمة." in response.content.decode()
    assert FocalPoint.objects.count() == 1


def test_known_organisation_cannot_be_proposed_again(client, user):
    OrganisationFactory(name="Community Networks Alliance", country="ZA")
    client.force_login(user)
    response = client.post(
        "/en/me/organizations/",
        {
            "new_name": "community networks alliance",
            "new_stakeholder_type": "civil_society",
            "new_country": "ZA",
            "motivation": "x",
        },
    )
    assert response.status_code == 400
    assert Organisation.objects.count() == 1


def test_secretariat_confirms_and_the_organisation_becomes_verified(secretariat):
    focal_point = FocalPointFactory(organisation__is_verified=False, user__organisation=None)
    assert services.confirm_focal_point(focal_point, secretariat) is True
    focal_point.refresh_from_db()
    assert (focal_point.status, focal_point.decided_by) == (FocalPoint.Status.CONFIRMED, secretariat)
    assert focal_point.organisation.is_verified is True
    focal_point.user.refresh_from_db()
    assert focal_point.user.organisation == focal_point.organisation


def test_confirmation_is_audited_with_before_and_after(secretariat):
    focal_point = FocalPointFactory()
    services.confirm_focal_point(focal_point, secretariat, note="Welcome")
    entry = AuditEntry.objects.get(action="focal_point.confirmed")
    assert (entry.actor, entry.changes, entry.note) == (
        secretariat,
        {"status": ["pending", "confirmed"]},
        "Welcome",
    )


def test_confirmation_mails_the_user_in_their_language(secretariat):
    focal_point = FocalPointFactory(user__preferred_language="ar", organisation__name="Pacific Open Data Lab")
    services.confirm_focal_point(focal_point, secretariat)
    mail = OutboundMail.objects.get(to=[focal_point.user.email])
    assert mail.subject == "أصبحت الآن جهة تنسيق لـ Pacific Open Data Lab"
    assert "أكدت أمانة القمة العالمية لمجتمع المعلومات" in mail.body


def test_deciding_twice_changes_nothing_the_second_time(secretariat):
    focal_point = FocalPointFactory()
    services.confirm_focal_point(focal_point, secretariat)
    assert services.decline_focal_point(focal_point, secretariat) is False
    focal_point.refresh_from_db()
    assert focal_point.status == FocalPoint.Status.CONFIRMED
    assert OutboundMail.objects.count() == 1


def test_only_the_secretariat_decides(user):
    with pytest.raises(PermissionDenied):
        services.confirm_focal_point(FocalPointFactory(), user)


def test_service_refuses_a_duplicate_request(user):
    organisation = OrganisationFactory()
    services.request_focal_point(user, organisation=organisation)
    with pytest.raises(ValidationError):
        services.request_focal_point(user, organisation=organisation)
