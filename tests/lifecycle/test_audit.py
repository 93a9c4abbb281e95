"""Every staff change lands in the audit log, which staff can read and nobody can edit."""

from tests.factories import OrganisationFactory, SecretariatFactory
from wsis_portal.lifecycle.audit import record
from wsis_portal.lifecycle.models import AuditEntry
from wsis_portal.stakeholders.models import Organisation


def test_record_keeps_actor_action_target_and_changes(secretariat):
    organisation = OrganisationFactory(name="Andes Cloud Services")
    entry = record(secretariat, AuditEntry.Action.CHANGED, organisation, {"acronym": ("", "ACS")})
    assert (entry.actor, entry.action, entry.object_id, entry.object_repr, entry.changes) == (
        secretariat,
        "changed",
        str(organisation.pk),
        "Andes Cloud Services",
        {"acronym": ["", "ACS"]},
    )


def test_admin_edit_of_an_organisation_is_recorded(client, secretariat):
    organisation = OrganisationFactory(name="Old name", acronym="")
    client.force_login(secretariat)
    client.post(
        f"/en/admin/stakeholders/organisation/{organisation.pk}/change/",
        {
            "name": "New name",
            "acronym": "",
            "stakeholder_type": "civil_society",
            "country": "SN",
            "website": "",
            "is_verified": "on",
        },
    )
    entry = AuditEntry.objects.get(object_id=str(organisation.pk))
    assert (entry.action, entry.changes) == ("changed", {"name": ["Old name", "New name"]})


def test_password_set_by_staff_is_recorded_without_the_password(client, secretariat):
    from tests.factories import UserFactory

    someone = UserFactory()
    client.force_login(secretariat)
    response = client.post(
        f"/en/admin/stakeholders/user/{someone.pk}/password/",
        {
            "password1": "a-new-long-password-2026",
            "password2": "a-new-long-password-2026",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(object_id=str(someone.pk))
    assert (entry.actor, entry.changes) == (secretariat, {"password": ["***", "***"]})


def test_admin_deletion_is_recorded(client, secretariat):
    organisation = OrganisationFactory(name="Gone")
    client.force_login(secretariat)
    client.post(f"/en/admin/stakeholders/organisation/{organisation.pk}/delete/", {"post": "yes"})
    assert not Organisation.objects.filter(name="Gone").exists()
    assert AuditEntry.objects.get(action="deleted").object_repr == "Gone"


def test_bulk_deletion_records_each_object(client, secretariat):
    organisations = OrganisationFactory.create_batch(3)
    client.force_login(secretariat)
    client.post(
        "/en/admin/stakeholders/organisation/",
        {"action": "delete_selected", "_selected_action": [o.pk for o in organisations], "post": "yes"},
    )
    assert AuditEntry.objects.filter(action="deleted").count() == 3


def test_staff_read_the_audit_log_but_cannot_change_it(client, db):
    secretariat = SecretariatFactory()
    entry = record(secretariat, AuditEntry.Action.CREATED, OrganisationFactory())
    client.force_login(secretariat)
    assert client.get("/ar/admin/lifecycle/auditentry/").status_code == 200
    page = client.get(f"/en/admin/lifecycle/auditentry/{entry.pk}/change/")
    assert page.status_code == 200
    assert 'name="action"' not in page.content.decode()
    assert (
        client.post(f"/en/admin/lifecycle/auditentry/{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    )
    assert AuditEntry.objects.filter(pk=entry.pk).exists()
