"""Every state change of the open consultation goes through its services: the deadline checked on the
server in Geneva time, the permission checked, the transition made once, the audit entry written, the
submitter (or nominee) mailed in their language."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError

from consultations import services
from consultations.models import (
    CONTRIBUTIONS_PHASE,
    Contribution,
    FacilitatorNomination,
    WorkshopRequest,
)
from forum_events.models import Session
from tests.consultations.factories import (
    CLOSED,
    DEADLINE,
    OPEN,
    ConsultationFactory,
    ContributionFactory,
    NominationFactory,
    SpeakerFactory,
    WorkshopRequestFactory,
    action_lines,
    submitted,
    topics,
)
from tests.factories import (
    EditionFactory,
    FocalPointFactory,
    OrganisationFactory,
    SecretariatFactory,
    UserFactory,
)
from wsis_portal.editions.models import Phase, Process
from wsis_portal.editions.schedule import geneva_time
from wsis_portal.lifecycle.models import AuditEntry
from wsis_portal.lifecycle.transitions import TransitionRefused
from wsis_portal.links import portal_url
from wsis_portal.mail.models import OutboundMail

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(OPEN, tick=False)
    return time_machine


@pytest.fixture
def clerk(db):
    return SecretariatFactory()


@pytest.fixture
def owner(db):
    return UserFactory(full_name="Amina Diallo", email="amina@example.org", country="KE")


def utc(*parts):
    return datetime(*parts, tzinfo=UTC)


def mails_to(address):
    return list(OutboundMail.objects.filter(to=[address]).order_by("id").values_list("subject", "language"))


def audit(item):
    return list(
        AuditEntry.objects.filter(object_id=str(item.pk), content_type__model=item._meta.model_name)
        .order_by("id")
        .values_list("action", "actor", "note")
    )


def draft(owner, **fields):
    """A new contribution saved through the services."""
    consultation = ConsultationFactory()
    content = {
        "consultation": consultation,
        "kind": Contribution.Kind.PRIORITIES,
        "title": "Community networks",
        "text": "Give the last mile its own session.",
        "language": "en",
        **fields,
    }
    return services.save(
        Contribution(), content, owner, relations={"topics": topics("ai"), "action_lines": action_lines("C3")}
    )


# Saving drafts


def test_new_draft_belongs_to_its_author_and_takes_their_origin(clock, owner):
    item = draft(owner)
    assert (item.state, item.owner, item.reference, item.organisation) == ("draft", owner, None, None)
    assert (item.stakeholder_type, str(item.country), item.region.code) == ("civil_society", "KE", "africa")
    assert [topic.code for topic in item.topics.all()] == ["ai"]
    assert audit(item) == [("created", owner.pk, "")]


def test_draft_of_an_organisation_takes_the_organisations_origin(clock, owner):
    organisation = OrganisationFactory(stakeholder_type="government", country="EG")
    FocalPointFactory(user=owner, organisation=organisation, status="confirmed")
    item = draft(owner, organisation=organisation)
    assert (item.stakeholder_type, str(item.country), item.region.code) == ("government", "EG", "arab-states")


def test_international_organisation_without_a_seat_takes_the_profiles_country(clock, owner):
    organisation = OrganisationFactory(stakeholder_type="international_organization", country="")
    FocalPointFactory(user=owner, organisation=organisation, status="confirmed")
    item = draft(owner, organisation=organisation)
    assert (item.stakeholder_type, str(item.country), item.region.code) == (
        "international_organization",
        "KE",
        "africa",
    )


def test_saving_again_records_a_change(clock, owner):
    item = draft(owner)
    services.save(item, {"title": "Community networks, again"}, owner)
    assert Contribution.objects.get(pk=item.pk).title == "Community networks, again"
    assert [action for action, _actor, _note in audit(item)] == ["created", "changed"]


def test_someone_elses_draft_cannot_be_saved(clock, owner):
    item = draft(owner)
    with pytest.raises(PermissionDenied):
        services.save(item, {"title": "Hijacked"}, UserFactory())
    assert Contribution.objects.get(pk=item.pk).title == "Community networks"


def test_confirmed_focal_point_of_the_organisation_may_edit_and_a_pending_one_may_not(clock, owner):
    organisation = OrganisationFactory()
    FocalPointFactory(user=owner, organisation=organisation, status="confirmed")
    item = draft(owner, organisation=organisation)
    confirmed = FocalPointFactory(organisation=organisation, status="confirmed").user
    pending = FocalPointFactory(organisation=organisation, status="pending").user
    assert (services.may_edit(item, owner), services.may_edit(item, confirmed)) == (True, True)
    assert (services.may_edit(item, pending), services.may_edit(item, UserFactory())) == (False, False)


def test_filing_for_an_organisation_one_does_not_act_for_is_refused_and_nothing_is_stored(clock, owner):
    organisation = OrganisationFactory()
    FocalPointFactory(user=owner, organisation=organisation, status="pending")
    with pytest.raises(ValidationError) as refused:
        draft(owner, organisation=organisation)
    assert refused.value.message_dict == {
        "organisation": ["You can act only for an organization you are a confirmed focal point of."]
    }
    assert not Contribution.objects.exists()


def test_a_colleague_cannot_take_the_organisations_item_into_the_owners_own_name(clock, owner):
    organisation = OrganisationFactory()
    FocalPointFactory(user=owner, organisation=organisation, status="confirmed")
    item = draft(owner, organisation=organisation)
    colleague = FocalPointFactory(organisation=organisation, status="confirmed").user
    with pytest.raises(ValidationError) as refused:
        services.save(item, {"organisation": None}, colleague)
    assert refused.value.message_dict == {
        "organisation": ["Only the person who filed it can send it in their own name."]
    }
    item.refresh_from_db()
    assert item.organisation == organisation


def test_draft_is_read_only_after_the_deadline_and_kept(clock, owner):
    item = draft(owner)
    clock.move_to(CLOSED, tick=False)
    assert services.can_change(item) is False
    with pytest.raises(ValidationError) as refused:
        services.save(item, {"title": "Too late"}, owner)
    assert refused.value.code == "closed"
    assert Contribution.objects.get(pk=item.pk).title == "Community networks"


def test_too_many_speakers_are_refused_and_nothing_is_saved(clock, owner):
    request = WorkshopRequestFactory(owner=owner, speakers=1, title="Before")
    speaker = {"organisation": "ITU", "gender": "woman", "stakeholder_type": "academia", "country": "JO"}
    with pytest.raises(ValidationError) as refused:
        services.save(
            request, {"title": "After"}, owner, speakers=[{"name": f"S{n}", **speaker} for n in range(5)]
        )
    assert refused.value.messages == ["Propose at most 4 speakers."]
    assert (WorkshopRequest.objects.get(pk=request.pk).title, request.speakers.count()) == ("Before", 1)


def test_speakers_are_saved_in_their_order(clock, owner):
    request = WorkshopRequestFactory(owner=owner, speakers=2)
    speaker = {"organisation": "ITU", "gender": "woman", "stakeholder_type": "academia", "country": "JO"}
    services.save(request, {}, owner, speakers=[{"name": "Nadia", **speaker}, {"name": "Omar", **speaker}])
    assert list(request.speakers.values_list("position", "name")) == [(0, "Nadia"), (1, "Omar")]


# The deadline, in Geneva time


def test_submission_one_second_before_the_phase_closes_is_accepted(clock, owner):
    item = draft(owner)
    clock.move_to(DEADLINE - timedelta(seconds=1), tick=False)
    assert services.submit(item, owner).state == "submitted"


def test_submission_when_the_phase_closes_is_refused_and_the_draft_kept(clock, owner):
    item = draft(owner)
    clock.move_to(DEADLINE, tick=False)
    with pytest.raises(ValidationError) as refused:
        services.submit(item, owner)
    assert refused.value.code == "closed"
    item.refresh_from_db()
    assert (item.state, item.reference, item.title) == ("draft", None, "Community networks")
    assert mails_to(owner.email) == []


@pytest.mark.parametrize(
    ("closes_at", "last_second_utc", "closed_utc"),
    [
        # The end of 20 March, winter time: Geneva is UTC+1.
        (geneva_time(2026, 3, 21, 0, 0), utc(2026, 3, 20, 22, 59, 59), utc(2026, 3, 20, 23, 0, 0)),
        # The end of 20 April, summer time: Geneva is UTC+2.
        (geneva_time(2026, 4, 21, 0, 0), utc(2026, 4, 20, 21, 59, 59), utc(2026, 4, 20, 22, 0, 0)),
    ],
)
def test_deadline_day_ends_at_midnight_geneva_time_in_winter_and_summer(
    clock, owner, closes_at, last_second_utc, closed_utc
):
    accepted, refused = draft(owner), draft(owner)
    Phase.objects.filter(key=CONTRIBUTIONS_PHASE).update(closes_at=closes_at)
    clock.move_to(last_second_utc, tick=False)  # 23:59:59 in Geneva
    assert services.submit(accepted, owner).state == "submitted"
    clock.move_to(closed_utc, tick=False)  # 00:00:00 the next day in Geneva
    with pytest.raises(ValidationError):
        services.submit(refused, owner)
    assert Contribution.objects.get(pk=refused.pk).state == "draft"


def test_nothing_is_accepted_without_a_contributions_phase(clock, owner):
    consultation = ConsultationFactory(edition=EditionFactory(year=2027), phase=False)
    assert services.is_accepting(consultation) is False


def test_returned_contribution_can_still_be_corrected_and_sent_after_the_deadline(clock, owner, clerk):
    item = submitted(draft(owner))
    services.return_for_changes(item, clerk, "Name your sources.")
    clock.move_to(CLOSED + timedelta(days=3), tick=False)
    services.save(item, {"text": "Sources: ITU Facts and Figures 2025."}, owner)
    item = services.submit(item, owner)
    assert (item.state, item.review_comment, item.reference) == ("submitted", "", "WSIS-OCP-2026-00001")


# Submitting


def test_submission_gets_a_reference_and_a_receipt_in_the_owners_language(clock, owner):
    owner.preferred_language = "ar"
    owner.save()
    item = services.submit(draft(owner), owner)
    assert (item.state, item.reference, item.submitted_at) == ("submitted", "WSIS-OCP-2026-00001", OPEN)
    [(subject, language)] = mails_to(owner.email)
    assert ("WSIS-OCP-2026-00001" in subject, language) == (True, "ar")
    assert [action for action, _actor, _note in audit(item)] == ["created", "submitted"]


def test_references_follow_each_other_per_kind(clock, owner):
    first, second = submitted(ContributionFactory()), submitted(ContributionFactory())
    request = submitted(WorkshopRequestFactory())
    nomination = submitted(NominationFactory())
    assert (first.reference, second.reference, request.reference, nomination.reference) == (
        "WSIS-OCP-2026-00001",
        "WSIS-OCP-2026-00002",
        "WSIS-WS-2026-00001",
        "WSIS-HLF-2026-00001",
    )


def consultation_2027_open_in_december_2026():
    consultation = ConsultationFactory(edition=EditionFactory(year=2027), phase=False)
    Phase.objects.create(
        edition=consultation.edition,
        process=Process.CONSULTATION,
        key=CONTRIBUTIONS_PHASE,
        name_en="Official contributions",
        opens_at=geneva_time(2026, 12, 1, 9, 0),
        closes_at=geneva_time(2027, 3, 19, 23, 59),
    )
    return consultation


def test_items_sent_in_december_2026_to_the_2027_consultation_are_numbered_in_2027(time_machine):
    consultation = consultation_2027_open_in_december_2026()
    time_machine.move_to(geneva_time(2026, 12, 15, 10, 0), tick=False)
    items = [
        submitted(factory(consultation=consultation))
        for factory in (ContributionFactory, WorkshopRequestFactory, NominationFactory)
    ]
    assert [item.reference for item in items] == [
        "WSIS-OCP-2027-00001",
        "WSIS-WS-2027-00001",
        "WSIS-HLF-2027-00001",
    ]


def test_an_item_sent_in_december_2025_to_the_2026_consultation_keeps_the_year_2026(time_machine, owner):
    time_machine.move_to(geneva_time(2025, 12, 28, 10, 0), tick=False)  # its phase opened on 23 December
    assert services.submit(draft(owner), owner).reference == "WSIS-OCP-2026-00001"


def test_each_edition_numbers_its_contributions_on_its_own(clock, owner):
    consultation_2027 = consultation_2027_open_in_december_2026()
    first_2026 = services.submit(draft(owner), owner)
    clock.move_to(geneva_time(2026, 12, 15, 10, 0), tick=False)
    first_2027 = submitted(ContributionFactory(consultation=consultation_2027))
    second_2027 = submitted(ContributionFactory(consultation=consultation_2027))
    assert (first_2026.reference, first_2027.reference, second_2027.reference) == (
        "WSIS-OCP-2026-00001",
        "WSIS-OCP-2027-00001",
        "WSIS-OCP-2027-00002",
    )


def test_a_reference_given_before_the_rule_is_kept_when_the_item_is_sent_again(time_machine):
    consultation = consultation_2027_open_in_december_2026()
    time_machine.move_to(geneva_time(2026, 12, 15, 10, 0), tick=False)
    item = ContributionFactory(consultation=consultation, state="returned", reference="WSIS-OCP-2026-00007")
    assert submitted(item).reference == "WSIS-OCP-2026-00007"


def test_someone_else_cannot_submit_a_draft(clock, owner):
    item = draft(owner)
    with pytest.raises(PermissionDenied):
        services.submit(item, UserFactory())
    assert Contribution.objects.get(pk=item.pk).state == "draft"


def test_contribution_without_a_topic_is_not_sent(clock, owner):
    item = draft(owner)
    item.topics.clear()
    with pytest.raises(ValidationError) as refused:
        services.submit(item, owner)
    assert refused.value.messages == ["Choose at least one topic before sending."]


def test_workshop_request_without_an_action_line_is_not_sent(clock):
    request = WorkshopRequestFactory()
    request.action_lines.clear()
    with pytest.raises(ValidationError) as refused:
        services.submit(request, request.owner)
    assert refused.value.messages == ["Choose at least one action line before sending."]
    assert WorkshopRequest.objects.get(pk=request.pk).state == "draft"


def test_workshop_request_without_a_speaker_is_not_sent(clock):
    request = WorkshopRequestFactory(speakers=0)
    with pytest.raises(ValidationError) as refused:
        services.submit(request, request.owner)
    assert refused.value.messages == ["Propose at least one speaker before sending."]


def test_an_organisation_sends_at_most_its_quota_of_workshop_requests(clock, clerk):
    organisation = OrganisationFactory()
    sent = [submitted(WorkshopRequestFactory(organisation=organisation)) for _index in range(3)]
    services.decline(sent[0], clerk, "Out of scope.")
    # A declined request gives its place back.
    fourth = submitted(WorkshopRequestFactory(organisation=organisation))
    fifth = WorkshopRequestFactory(organisation=organisation)
    with pytest.raises(ValidationError) as refused:
        services.submit(fifth, fifth.owner)
    assert refused.value.messages == [
        "Your organization has already sent 3 workshop requests, the most it may send."
    ]
    assert (fourth.state, WorkshopRequest.objects.get(pk=fifth.pk).state) == ("submitted", "draft")
    # Another organisation has its own quota.
    assert submitted(WorkshopRequestFactory()).state == "submitted"


def test_submitting_a_nomination_asks_the_nominee_for_consent(clock, owner):
    nomination = NominationFactory(owner=owner, nominee_email="leila@example.org")
    submitted(nomination)
    [(_subject, language)] = mails_to("leila@example.org")
    assert language == "en"
    body = OutboundMail.objects.get(to=["leila@example.org"]).body
    assert f"/en/consultations/consent/{services.consent_token(nomination)}/" in body


# The secretariat's decisions


def test_only_the_secretariat_reviews(clock, owner):
    item = submitted(draft(owner))
    for decide in (
        lambda: services.accept(item, owner),
        lambda: services.return_for_changes(item, owner, "Change it."),
        lambda: services.decline(item, owner, "No."),
    ):
        with pytest.raises(PermissionDenied):
            decide()
    assert Contribution.objects.get(pk=item.pk).state == "submitted"


def test_return_needs_a_comment_which_the_submitter_reads_in_their_language(clock, owner, clerk):
    owner.preferred_language = "ar"
    owner.save()
    item = submitted(draft(owner))
    with pytest.raises(ValidationError) as refused:
        services.return_for_changes(item, clerk, "   ")
    assert refused.value.code == "comment_required"
    services.return_for_changes(item, clerk, " Name your sources. ")
    item.refresh_from_db()
    assert (item.state, item.review_comment, item.decided_by) == ("returned", "Name your sources.", clerk)
    mail = OutboundMail.objects.filter(to=[owner.email]).latest("id")
    assert (mail.language, "Name your sources." in mail.body) == ("ar", True)
    assert audit(item)[-1] == ("returned", clerk.pk, "Name your sources.")


def test_returned_mail_links_the_item_in_the_submitters_language_and_is_not_escaped(clock, owner, clerk):
    owner.preferred_language = "ar"
    owner.save()
    item = draft(owner)
    item.title = "Labs & libraries"
    item.save()
    submitted(item)
    services.return_for_changes(item, clerk, 'Don\'t forget the "sources" & the dates.')
    mail = OutboundMail.objects.filter(to=[owner.email]).latest("id")
    assert f"{portal_url()}/ar/consultations/contributions/{item.pk}/" in mail.body
    assert 'Don\'t forget the "sources" & the dates.' in mail.body
    assert "“Labs & libraries”" in mail.body
    assert "&amp;" not in mail.body + mail.subject and "&#x27;" not in mail.body


def test_accepted_workshop_mail_links_its_agenda_session(clock, clerk):
    request = submitted(WorkshopRequestFactory(owner=UserFactory(preferred_language="en")))
    services.accept(request, clerk)
    request.refresh_from_db()
    mail = OutboundMail.objects.filter(to=[request.owner.email]).latest("id")
    assert f"{portal_url()}/en/forum/sessions/{request.session_id}/" in mail.body


def test_decline_needs_a_reason(clock, owner, clerk):
    item = submitted(draft(owner))
    with pytest.raises(ValidationError) as refused:
        services.decline(item, clerk, "")
    assert refused.value.code == "reason_required"
    services.decline(item, clerk, "Off topic.")
    item.refresh_from_db()
    assert (item.state, item.review_comment) == ("rejected", "Off topic.")
    assert audit(item)[-1] == ("rejected", clerk.pk, "Off topic.")


def test_a_decision_is_taken_once(clock, owner, clerk):
    item = submitted(draft(owner))
    services.accept(item, clerk)
    with pytest.raises(TransitionRefused):
        services.decline(item, clerk, "Too late.")
    assert Contribution.objects.get(pk=item.pk).state == "accepted"
    assert [action for action, _actor, _note in audit(item)].count("accepted") == 1


def test_a_draft_cannot_be_decided(clock, owner, clerk):
    item = draft(owner)
    with pytest.raises(TransitionRefused):
        services.accept(item, clerk)


def test_accepted_workshop_request_becomes_a_session_in_both_languages(clock, clerk):
    request = submitted(
        WorkshopRequestFactory(
            title="Community networks in practice",
            description="How they connect the last billion.",
            format="virtual",
            preferred_day=date(2026, 7, 8),
            session_languages=["ar", "fr"],
            action_lines=["C2", "C3"],
            sdgs=[4, 9],
        )
    )
    services.accept(request, clerk, "Welcome.")
    request.refresh_from_db()
    session = Session.objects.get()
    assert request.session == session
    assert session.workshop_request == request
    assert (session.edition.year, session.kind, session.format, session.day, session.languages) == (
        2026,
        "workshop",
        "virtual",
        date(2026, 7, 8),
        ["ar", "fr"],
    )
    assert (session.title_en, session.title_ar, session.description_en, session.description_ar) == (
        "Community networks in practice",
        "Community networks in practice",
        "How they connect the last billion.",
        "How they connect the last billion.",
    )
    assert session.organiser_list == ["Community Networks Alliance", "Pacific Open Data Lab"]
    assert sorted(session.action_lines.values_list("code", flat=True)) == ["C2", "C3"]
    assert sorted(session.sdgs.values_list("number", flat=True)) == [4, 9]


def proposing(names, **fields):
    """A draft workshop request proposing ``names`` as speakers, in that order (created in reverse, so
    that the order comes from their position, not from when they were stored)."""
    request = WorkshopRequestFactory(speakers=0, **fields)
    for position, name in reversed(list(enumerate(names))):
        SpeakerFactory(request=request, position=position, name=name, organisation=f"{name}'s lab")
    return request


def session_speakers(session):
    return list(session.speakers.order_by("position").values_list("position", "role", "name", "organisation"))


def test_accepted_workshop_request_becomes_a_session_with_its_speakers_in_their_order(clock, clerk):
    request = submitted(proposing(["Lina Haddad", "Kofi Mensah", "Ana Souza"], language="ar"))
    services.accept(request, clerk)
    session = Session.objects.get()
    assert session_speakers(session) == [
        (0, "speaker", "Lina Haddad", "Lina Haddad's lab"),
        (1, "speaker", "Kofi Mensah", "Kofi Mensah's lab"),
        (2, "speaker", "Ana Souza", "Ana Souza's lab"),
    ]
    assert set(session.speakers.values_list("language", "email", "title")) == {("ar", "", "")}


def test_a_second_accept_is_refused_and_adds_no_speaker(clock, clerk):
    request = submitted(proposing(["Lina Haddad", "Kofi Mensah"]))
    services.accept(request, clerk)
    with pytest.raises(TransitionRefused):
        services.accept(request, clerk)
    assert Session.objects.count() == 1
    assert [name for _p, _r, name, _o in session_speakers(Session.objects.get())] == [
        "Lina Haddad",
        "Kofi Mensah",
    ]


def test_merge_into_an_accepted_request_adds_its_speakers_to_the_session_once(clock, clerk):
    into = submitted(proposing(["Lina Haddad", "Kofi Mensah"]))
    services.accept(into, clerk)
    item = submitted(proposing(["Kofi Mensah", "Ana Souza"]))
    services.merge(item, into, clerk)
    assert session_speakers(Session.objects.get()) == [
        (0, "speaker", "Lina Haddad", "Lina Haddad's lab"),
        (1, "speaker", "Kofi Mensah", "Kofi Mensah's lab"),
        (2, "speaker", "Ana Souza", "Ana Souza's lab"),
    ]


def test_requests_merged_before_acceptance_bring_their_speakers_after_the_requests_own(clock, clerk):
    into = submitted(proposing(["Lina Haddad"]))
    middle = submitted(proposing(["Kofi Mensah", "Lina Haddad"]))
    first = submitted(proposing(["Ana Souza"]))
    services.merge(first, middle, clerk)
    services.merge(middle, into, clerk)
    services.accept(WorkshopRequest.objects.get(pk=into.pk), clerk)
    assert [name for _p, _r, name, _o in session_speakers(Session.objects.get())] == [
        "Lina Haddad",
        "Kofi Mensah",
        "Ana Souza",
    ]


def test_accepting_a_contribution_makes_no_session(clock, owner, clerk):
    services.accept(submitted(draft(owner)), clerk)
    assert Session.objects.count() == 0


# Merging workshop requests


@pytest.fixture
def requests(clock):
    return {
        "item": submitted(WorkshopRequestFactory(organisers="Alliance A\nShared Lab")),
        "into": submitted(WorkshopRequestFactory(organisers="Shared Lab\nAlliance B")),
    }


def test_merge_joins_the_organisers_without_repeating_them(requests, clerk):
    services.merge(requests["item"], requests["into"], clerk, "Same theme.")
    item = WorkshopRequest.objects.get(pk=requests["item"].pk)
    target = WorkshopRequest.objects.get(pk=requests["into"].pk)
    assert (item.state, item.merged_into, item.review_comment) == ("merged", target, "Same theme.")
    assert target.organiser_list == ["Shared Lab", "Alliance B", "Alliance A"]
    assert target.state == "submitted"
    assert audit(item)[-1] == ("merged", clerk.pk, "Same theme.")
    assert len(mails_to(item.owner.email)) == 2  # receipt, then the merge


def test_merge_into_an_accepted_request_adds_the_organisers_to_its_session(requests, clerk):
    services.accept(requests["into"], clerk)
    services.merge(requests["item"], requests["into"], clerk)
    session = Session.objects.get()
    assert session.organiser_list == ["Shared Lab", "Alliance B", "Alliance A"]


def test_merge_targets_are_checked(requests, clerk):
    item, into = requests["item"], requests["into"]
    elsewhere = submitted(
        WorkshopRequestFactory(consultation=ConsultationFactory(edition=EditionFactory(year=2025)))
    )
    draft_target = WorkshopRequestFactory()
    for target in (item, elsewhere, draft_target):
        with pytest.raises(ValidationError) as refused:
            services.merge(item, target, clerk)
        assert refused.value.code == "merge_target"
    # A request merged into another cannot take more.
    services.merge(into, submitted(WorkshopRequestFactory()), clerk)
    with pytest.raises(ValidationError) as refused:
        services.merge(item, WorkshopRequest.objects.get(pk=into.pk), clerk)
    assert refused.value.code == "merge_target"
    assert WorkshopRequest.objects.get(pk=item.pk).state == "submitted"


def test_only_the_secretariat_merges(requests):
    with pytest.raises(PermissionDenied):
        services.merge(requests["item"], requests["into"], requests["item"].owner)


# Nominations and the nominee's consent


def test_nomination_is_not_accepted_before_the_nominee_consents(clock, clerk):
    nomination = submitted(NominationFactory())
    with pytest.raises(ValidationError) as refused:
        services.accept(nomination, clerk)
    assert refused.value.code == "no_consent"
    assert services.answer_consent(nomination, agrees=True) is True
    nomination.refresh_from_db()
    assert services.accept(nomination, clerk).state == "accepted"


def test_nomination_whose_nominee_refused_is_never_accepted(clock, clerk):
    nomination = submitted(NominationFactory())
    services.answer_consent(nomination, agrees=False)
    nomination.refresh_from_db()
    with pytest.raises(ValidationError):
        services.accept(nomination, clerk)
    assert FacilitatorNomination.objects.get(pk=nomination.pk).state == "submitted"


def test_consent_is_answered_once_audited_and_the_nominator_told(clock):
    nomination = submitted(NominationFactory())
    before = len(mails_to(nomination.owner.email))
    assert services.answer_consent(nomination, agrees=True) is True
    assert services.answer_consent(nomination, agrees=False) is False
    nomination.refresh_from_db()
    assert (nomination.consent, nomination.consent_at) == ("given", OPEN)
    assert audit(nomination)[-1] == ("consent.given", None, "")
    assert len(mails_to(nomination.owner.email)) == before + 1


def test_consent_link_names_its_nomination(clock):
    nomination = submitted(NominationFactory())
    assert services.nomination_for_token(services.consent_token(nomination)) == nomination


def test_forged_consent_link_names_nothing(clock):
    nomination = submitted(NominationFactory())
    forged = signing.dumps({"n": nomination.pk, "e": nomination.nominee_email}, salt="another.salt")
    assert services.nomination_for_token(forged) is None
    assert services.nomination_for_token(services.consent_token(nomination) + "x") is None
    assert services.nomination_for_token("not-a-token") is None


def test_consent_link_expires_after_sixty_days(clock):
    nomination = submitted(NominationFactory())
    token = services.consent_token(nomination)
    # Sixty days of elapsed time: counted in UTC, as Geneva moves to summer time in between.
    sent = OPEN.astimezone(UTC)
    clock.move_to(sent + timedelta(days=60), tick=False)
    assert services.nomination_for_token(token) == nomination
    clock.move_to(sent + timedelta(days=60, seconds=1), tick=False)
    assert services.nomination_for_token(token) is None


def test_consent_link_is_void_once_the_nominees_address_changed(clock):
    nomination = submitted(NominationFactory(nominee_email="leila@example.org"))
    token = services.consent_token(nomination)
    FacilitatorNomination.objects.filter(pk=nomination.pk).update(nominee_email="other@example.org")
    assert services.nomination_for_token(token) is None


def test_consent_request_is_written_in_the_nominators_language(clock):
    owner = UserFactory(preferred_language="ar")
    nomination = NominationFactory(owner=owner, nominee_email="leila@example.org")
    submitted(nomination)
    mail = OutboundMail.objects.get(to=["leila@example.org"])
    assert mail.language == "ar"
    assert f"/ar/consultations/consent/{services.consent_token(nomination)}/" in mail.body


def test_current_consultation_is_the_current_editions(clock):
    ConsultationFactory(edition=EditionFactory(year=2025))
    current = ConsultationFactory()
    assert services.current_consultation() == current
    assert services.is_accepting(current) is True
