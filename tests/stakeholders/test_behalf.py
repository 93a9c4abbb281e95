"""On whose behalf a user may act (``stakeholders.behalf``), the withdrawal of a confirmation, and the
account whose address is not confirmed."""

from datetime import UTC, datetime

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from tests.factories import FocalPointFactory, OrganisationFactory, SecretariatFactory, UserFactory
from wsis_portal.lifecycle.models import AuditEntry
from wsis_portal.mail.models import OutboundMail
from wsis_portal.stakeholders import behalf, services
from wsis_portal.stakeholders.models import FocalPoint

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_organisations(user):
    first, second = (
        OrganisationFactory(name="Nile Digital Inclusion Forum"),
        OrganisationFactory(name="Andes"),
    )
    for organisation in (first, second):
        FocalPointFactory(user=user, organisation=organisation, status="confirmed")
    return first, second


def test_one_acts_for_the_organisations_one_is_a_confirmed_focal_point_of(user, two_organisations):
    for status in ("pending", "declined", "withdrawn"):
        FocalPointFactory(user=user, organisation=OrganisationFactory(name=f"Asked, {status}"), status=status)
    assert sorted(behalf.organisations_of(user).values_list("name", flat=True)) == [
        "Andes",
        "Nile Digital Inclusion Forum",
    ]


def test_the_personal_capacity_is_only_where_the_process_allows_it(user):
    assert behalf.may_act_for(user, None, personal=True) is True
    assert behalf.may_act_for(user, None, personal=False) is False


def test_a_tampered_organisation_is_refused_with_a_translated_message(user, two_organisations):
    other = OrganisationFactory(name="Someone else's")
    with translation.override("ar"), pytest.raises(ValidationError) as refused:
        behalf.check(user, other, personal=True)
    assert refused.value.message_dict == {
        "organisation": ["لا يمكنك أن تعمل إلا باسم منظمة أنت جهة تنسيق مؤكَّدة لها."]
    }
    behalf.check(user, two_organisations[0], personal=False)  # no error: one they act for


def test_a_form_offers_exactly_the_organisations_and_the_own_name_where_allowed(user, two_organisations):
    from consultations.forms import ContributionForm
    from consultations.models import Contribution
    from stocktaking.forms import EntryForm
    from stocktaking.models import Entry
    from tests.consultations.factories import ConsultationFactory

    OrganisationFactory(name="Verified, not theirs")
    contribution = ContributionForm(instance=Contribution(consultation=ConsultationFactory()), user=user)
    entry = EntryForm(instance=Entry(), user=user)
    labels = [str(label) for _value, label in contribution.fields["organisation"].choices]
    assert labels == ["In my own name (my profile)", "Andes", "Nile Digital Inclusion Forum"]
    assert [str(label) for _value, label in entry.fields["organisation"].choices] == [
        "Andes",
        "Nile Digital Inclusion Forum",
    ]


def test_an_account_whose_address_is_not_confirmed_creates_nothing(user):
    assert behalf.email_is_verified(user) is True
    EmailAddress.objects.filter(user=user).update(verified=False)
    assert behalf.email_is_verified(user) is False
    with pytest.raises(PermissionDenied):
        services.request_focal_point(user, organisation=OrganisationFactory())
    assert not FocalPoint.objects.filter(user=user).exists()


# Withdrawal


@pytest.fixture
def confirmed(user, two_organisations):
    user.organisation = two_organisations[1]
    user.save()
    return FocalPoint.objects.get(user=user, organisation=two_organisations[1])


def test_the_secretariat_withdraws_a_confirmation_once_and_the_user_is_told(user, confirmed, time_machine):
    time_machine.move_to(datetime(2026, 12, 7, 9, tzinfo=UTC), tick=False)
    clerk = SecretariatFactory()
    assert services.withdraw_focal_point(confirmed, clerk, "Left the organization.") is True
    assert services.withdraw_focal_point(confirmed, clerk) is False
    confirmed.refresh_from_db()
    assert (confirmed.status, confirmed.withdrawn_at, confirmed.withdrawn_by) == (
        "withdrawn",
        datetime(2026, 12, 7, 9, tzinfo=UTC),
        clerk,
    )
    user.refresh_from_db()
    # The profile's organisation becomes another one they still act for.
    assert user.organisation.name == "Nile Digital Inclusion Forum"
    assert list(
        AuditEntry.objects.filter(action=AuditEntry.Action.FOCAL_POINT_WITHDRAWN).values_list(
            "note", flat=True
        )
    ) == ["Left the organization."]
    (sent,) = OutboundMail.objects.filter(to=[user.email])
    assert sent.subject == "You no longer act for Andes"
    assert "withdrawn its confirmation that you act for Andes" in sent.body


def test_only_the_secretariat_withdraws_and_a_pending_request_is_not_withdrawn(user, confirmed):
    with pytest.raises(PermissionDenied):
        services.withdraw_focal_point(confirmed, UserFactory())
    pending = FocalPointFactory(organisation=OrganisationFactory(), status="pending")
    assert services.withdraw_focal_point(pending, SecretariatFactory()) is False
    pending.refresh_from_db()
    assert pending.status == "pending"


def test_the_admin_action_withdraws_the_selected_confirmations(client, user, confirmed):
    client.force_login(SecretariatFactory())
    response = client.post(
        "/en/admin/stakeholders/focalpoint/",
        {"action": "withdraw_selected", "_selected_action": [confirmed.pk]},
        follow=True,
    )
    assert [str(message) for message in response.context["messages"]] == ["1 confirmation withdrawn."]
    confirmed.refresh_from_db()
    assert confirmed.status == "withdrawn"


# The page that says why, and the mail sent again


def test_the_organisations_page_says_why_and_sends_the_mail_again(client, user):
    EmailAddress.objects.filter(user=user).update(verified=False)
    client.force_login(user)
    page = client.get("/en/me/organizations/")
    assert "is not confirmed yet" in page.content.decode()
    assert "Send the request" not in page.content.decode()
    refused = client.post("/en/me/organizations/", {"organisation": OrganisationFactory().pk})
    assert refused.status_code == 403
    assert not FocalPoint.objects.filter(user=user).exists()
    mail.outbox.clear()
    sent = client.post("/en/me/confirm-email/", {"next": "/en/me/organizations/"})
    assert sent["Location"] == "/en/me/organizations/"
    assert OutboundMail.objects.filter(to=[user.email]).count() == 1


def test_the_mail_is_not_sent_again_to_a_confirmed_address_nor_to_a_foreign_next(client, user):
    client.force_login(user)
    sent = client.post("/en/me/confirm-email/", {"next": "https://elsewhere.example.org/"})
    assert sent["Location"] == "/en/me/"
    assert not OutboundMail.objects.filter(to=[user.email]).exists()


def test_what_was_filed_before_a_withdrawal_stays_filed_by_a_focal_point(user, confirmed, time_machine):
    from consultations.models import Contribution
    from tests.consultations.factories import ContributionFactory

    time_machine.move_to(datetime(2026, 12, 7, 9, tzinfo=UTC), tick=False)
    FocalPoint.objects.filter(pk=confirmed.pk).update(decided_at=datetime(2026, 12, 1, tzinfo=UTC))
    item = ContributionFactory(owner=user, organisation=confirmed.organisation)
    time_machine.move_to(datetime(2026, 12, 8, 9, tzinfo=UTC), tick=False)
    services.withdraw_focal_point(confirmed, SecretariatFactory())
    assert not Contribution.objects.filed_without_focal_point().exists()
    # Filed after the withdrawal (as a tampered or legacy row would be): listed.
    time_machine.move_to(datetime(2026, 12, 9, 9, tzinfo=UTC), tick=False)
    late = ContributionFactory(owner=user, organisation=confirmed.organisation)
    assert list(Contribution.objects.filed_without_focal_point()) == [late]
    assert item.pk != late.pk
