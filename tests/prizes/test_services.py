"""Every state change of a prize submission goes through the services: permission, deadline (Geneva time,
on the server) and each eligibility rule checked, the transition made once and audited, mails in the
recipient's language; a nomination counts only once its project's contact has confirmed it."""

import re
from datetime import UTC, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from prizes import services
from prizes.models import Submission
from tests.factories import (
    EditionFactory,
    FocalPointFactory,
    OrganisationFactory,
    PrizeCycleFactory,
    PrizeSubmissionFactory,
    UserFactory,
    prize_category,
)
from tests.prizes.conftest import content
from tests.stocktaking.factories import EntryFactory
from wsis_portal.editions.models import Phase, Process
from wsis_portal.editions.schedule import geneva_time
from wsis_portal.lifecycle.models import AuditEntry
from wsis_portal.mail.models import OutboundMail

pytestmark = pytest.mark.django_db


def refusal(call, *args):
    """The messages of the ValidationError ``call(*args)`` raises, by field."""
    with pytest.raises(ValidationError) as refused:
        call(*args)
    error = refused.value
    return error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}


def mails_to(address):
    return list(OutboundMail.objects.filter(to=[address]).order_by("id"))


# Drafts


def test_new_draft_belongs_to_its_author_and_is_audited(draft, owner):
    assert (draft.state, draft.owner, draft.reference, draft.kind, draft.confirmation) == (
        "draft",
        owner,
        None,
        "submission",
        "",
    )
    assert sorted(draft.sdgs.values_list("number", flat=True)) == [4, 5]
    assert list(AuditEntry.objects.values_list("action", "actor", "object_id")) == [
        ("created", owner.pk, str(draft.pk))
    ]


def test_saving_again_changes_the_draft_and_tidies_the_title(draft, owner, organisation):
    services.save_draft(draft, content(organisation, title="  Mobile   libraries "), owner)
    assert Submission.objects.get(pk=draft.pk).title == "Mobile libraries"
    assert AuditEntry.objects.order_by("id").last().action == "changed"


def test_someone_else_may_not_change_a_draft(draft, organisation):
    with pytest.raises(PermissionDenied):
        services.save_draft(draft, content(organisation, title="Hijacked"), UserFactory())
    assert Submission.objects.get(pk=draft.pk).title == "Mobile digital libraries"


def test_another_confirmed_focal_point_of_the_entity_may_change_its_draft(draft, organisation):
    colleague = FocalPointFactory(organisation=organisation, status="confirmed").user
    services.save_draft(draft, content(organisation, title="Edited by a colleague"), colleague)
    assert Submission.objects.get(pk=draft.pk).title == "Edited by a colleague"


@pytest.mark.parametrize("status", ["pending", "declined"])
def test_a_project_is_submitted_only_for_an_organisation_one_is_a_confirmed_focal_point_of(cycle, status):
    focal_point = FocalPointFactory(status=status)
    errors = refusal(
        services.save_draft,
        Submission(cycle=cycle, kind="submission"),
        content(focal_point.organisation),
        focal_point.user,
    )
    assert list(errors) == ["organisation"]
    assert not Submission.objects.exists()


def test_a_nomination_is_its_nominators_alone(nomination_draft):
    project_focal_point = FocalPointFactory(organisation=nomination_draft.organisation, status="confirmed")
    assert not services.may_edit(nomination_draft, project_focal_point.user)
    assert services.may_edit(nomination_draft, nomination_draft.owner)


def test_only_ones_own_stocktaking_entries_can_be_linked(cycle, owner, organisation):
    errors = refusal(
        services.save_draft,
        Submission(cycle=cycle, kind="submission"),
        content(organisation, stocktaking_entry=EntryFactory()),
        owner,
    )
    assert errors == {"stocktaking_entry": ["Choose one of your own stocktaking entries."]}


# Submission


def test_submission_gives_the_reference_and_is_audited(draft, owner):
    services.submit(draft, owner)
    draft.refresh_from_db()
    assert (draft.state, draft.reference, draft.submitted_at) == (
        "submitted",
        "WSIS-PR-2026-00001",
        datetime(2026, 2, 10, 12, 0, tzinfo=UTC),
    )
    assert draft.counts
    audit = AuditEntry.objects.get(action="submitted")
    assert (audit.actor, audit.changes) == (owner, {"state": ["draft", "submitted"]})


def test_a_project_sent_in_december_2026_to_the_2027_cycle_is_numbered_in_2027(
    time_machine, owner, organisation
):
    cycle = PrizeCycleFactory(edition=EditionFactory(year=2027), submission_phase=False)
    Phase.objects.create(
        edition=cycle.edition,
        process=Process.PRIZES,
        key="submission",
        name_en="Submission and nomination of projects",
        opens_at=geneva_time(2026, 12, 1, 9, 0),
        closes_at=geneva_time(2027, 3, 15, 23, 59),
    )
    time_machine.move_to(geneva_time(2026, 12, 15, 10, 0), tick=False)
    draft = services.save_draft(Submission(cycle=cycle, kind="submission"), content(organisation), owner)
    assert services.submit(draft, owner).reference == "WSIS-PR-2027-00001"


def test_a_nomination_sent_in_december_2025_to_the_2026_cycle_is_numbered_in_2026(
    time_machine, nomination_draft
):
    time_machine.move_to(geneva_time(2025, 12, 28, 10, 0), tick=False)  # the cycle opened on 23 December
    assert services.nominate(nomination_draft, nomination_draft.owner).reference == "WSIS-PR-2026-00001"


def test_submission_mails_a_receipt_in_the_submitters_language(draft, owner):
    owner.preferred_language = "ar"
    owner.save()
    services.submit(draft, owner)
    (mail,) = mails_to("amina@example.org")
    assert mail.subject == "جوائز القمة: قُدّم المشروع WSIS-PR-2026-00001"
    assert "WSIS-PR-2026-00001" in mail.body


def test_a_submitted_project_is_read_only(draft, owner, organisation):
    services.submit(draft, owner)
    errors = refusal(services.save_draft, draft, content(organisation, title="Changed"), owner)
    assert errors == {"__all__": ["This has been sent and can no longer be changed."]}
    assert refusal(services.submit, draft, owner) == {"__all__": ["This has already been sent."]}


def test_someone_else_may_not_submit(draft):
    with pytest.raises(PermissionDenied):
        services.submit(draft, UserFactory())


def test_a_complete_eligible_project_has_no_problem(draft, owner):
    from prizes import eligibility

    assert eligibility.problems(draft, owner) == {}


# Eligibility, one rule at a time


@pytest.mark.parametrize(
    "field",
    [
        "short_description",
        "description",
        "impact_qualitative",
        "impact_quantitative",
        "partnerships",
        "challenges",
        "future_plans",
        "project_status",
    ],
)
def test_every_required_box_must_be_filled(cycle, owner, organisation, field):
    draft = services.save_draft(
        Submission(cycle=cycle, kind="submission"), content(organisation, **{field: "  "}), owner
    )
    assert refusal(services.submit, draft, owner) == {field: ["Fill in this box before submitting."]}
    assert Submission.objects.get(pk=draft.pk).state == "draft"


@pytest.mark.parametrize("field", ["sdgs", "gdc_objectives"])
def test_sdgs_and_gdc_objectives_are_required(cycle, owner, organisation, field):
    draft = services.save_draft(
        Submission(cycle=cycle, kind="submission"), content(organisation, **{field: []}), owner
    )
    assert refusal(services.submit, draft, owner) == {field: ["Choose at least one before submitting."]}


@pytest.mark.parametrize(
    ("words", "refused"),
    [(4, "The short description has 4 words; write from 5 to 10 words."), (5, None), (10, None),
     (11, "The short description has 11 words; write from 5 to 10 words.")],
)  # fmt: skip
def test_short_description_within_the_cycles_word_range(cycle, owner, organisation, words, refused):
    text = " ".join(["كلمة"] * words)
    draft = services.save_draft(
        Submission(cycle=cycle, kind="submission"), content(organisation, short_description=text), owner
    )
    if refused is None:
        assert services.submit(draft, owner).state == "submitted"
    else:
        assert refusal(services.submit, draft, owner) == {"short_description": [refused]}


def test_content_language_as_the_cycle_sets(cycle, owner, organisation):
    cycle.content_languages = ["en"]
    cycle.save()
    draft = services.save_draft(
        Submission(cycle=cycle, kind="submission"), content(organisation, language="ar"), owner
    )
    assert refusal(services.submit, draft, owner) == {
        "language": ["Projects for this cycle must be written in: \u2068English\u2069."]
    }


def test_an_ongoing_project_is_refused_and_one_at_the_end_of_a_major_phase_accepted(
    cycle, owner, organisation
):
    ongoing = services.save_draft(
        Submission(cycle=cycle, kind="submission"), content(organisation, project_status="ongoing"), owner
    )
    assert refusal(services.submit, ongoing, owner) == {
        "project_status": [
            "Only a project that is completed or at the end of a major phase can be submitted."
        ]
    }
    services.save_draft(ongoing, content(organisation, project_status="major_phase"), owner)
    assert services.submit(ongoing, owner).state == "submitted"


def test_one_project_per_entity_per_category(draft, owner, organisation, cycle):
    services.submit(draft, owner)
    second = services.save_draft(
        Submission(cycle=cycle, kind="submission"), content(organisation, title="Another project"), owner
    )
    assert refusal(services.submit, second, owner) == {
        "category": [
            "Nile Digital Inclusion Forum already has a project in the category "
            "“C3 Access to information and knowledge” of this cycle."
        ]
    }
    services.save_draft(
        second, content(organisation, title="Another project", category=prize_category("C4")), owner
    )
    assert services.submit(second, owner).state == "submitted"


def test_a_draft_of_the_same_entity_does_not_block_another_project(draft, owner, organisation, cycle):
    second = services.save_draft(
        Submission(cycle=cycle, kind="submission"), content(organisation, title="Another project"), owner
    )
    assert services.submit(second, owner).state == "submitted"


def test_the_same_project_cannot_be_entered_twice_in_a_cycle(draft, owner, organisation, cycle):
    services.submit(draft, owner)
    again = services.save_draft(
        Submission(cycle=cycle, kind="submission"),
        content(organisation, title="MOBILE DIGITAL LIBRARIES", category=prize_category("C4")),
        owner,
    )
    assert refusal(services.submit, again, owner) == {
        "__all__": [
            "This project has already been entered in this cycle (same title and organization, or same "
            "stocktaking entry): a project can be entered only once."
        ]
    }


def test_the_same_stocktaking_entry_cannot_be_entered_twice_in_a_cycle(cycle, owner, organisation):
    entry = EntryFactory(owner=owner, organisation=organisation)
    first = services.save_draft(
        Submission(cycle=cycle, kind="submission"), content(organisation, stocktaking_entry=entry), owner
    )
    services.submit(first, owner)
    again = services.save_draft(
        Submission(cycle=cycle, kind="submission"),
        content(organisation, title="Renamed", category=prize_category("C4"), stocktaking_entry=entry),
        owner,
    )
    assert list(refusal(services.submit, again, owner)) == ["__all__"]


def test_a_project_entered_in_an_earlier_cycle_may_enter_again(draft, owner, organisation):
    PrizeSubmissionFactory(
        cycle=PrizeCycleFactory(edition=EditionFactory(year=2025)),
        organisation=organisation,
        title="Mobile digital libraries",
        state="champion",
    )
    assert services.submit(draft, owner).state == "submitted"


def test_a_previous_winner_is_excluded(draft, owner, organisation):
    PrizeSubmissionFactory(
        cycle=PrizeCycleFactory(edition=EditionFactory(year=2024)),
        organisation=organisation,
        title="Mobile Digital Libraries",
        state="winner",
    )
    assert refusal(services.submit, draft, owner) == {
        "__all__": ["This project has already won a WSIS Prize: previous winners cannot enter again."]
    }


def test_a_previous_winner_is_recognised_by_its_stocktaking_entry(cycle, owner, organisation):
    entry = EntryFactory(owner=owner, organisation=organisation)
    PrizeSubmissionFactory(
        cycle=PrizeCycleFactory(edition=EditionFactory(year=2024)),
        stocktaking_entry=entry,
        title="An older name",
        state="winner",
    )
    draft = services.save_draft(
        Submission(cycle=cycle, kind="submission"), content(organisation, stocktaking_entry=entry), owner
    )
    assert list(refusal(services.submit, draft, owner)) == ["__all__"]


def test_every_problem_is_reported_at_once(cycle, owner, organisation):
    draft = services.save_draft(
        Submission(cycle=cycle, kind="submission"),
        content(organisation, description="", project_status="ongoing", short_description="Too short"),
        owner,
    )
    assert sorted(refusal(services.submit, draft, owner)) == [
        "description",
        "project_status",
        "short_description",
    ]


def test_the_database_refuses_a_second_counted_project_of_an_entity_in_a_category(cycle, organisation):
    PrizeSubmissionFactory(cycle=cycle, organisation=organisation, state="submitted")
    with pytest.raises(IntegrityError), transaction.atomic():
        PrizeSubmissionFactory(cycle=cycle, organisation=organisation, state="submitted")


# The deadline, in Geneva time on the server


@pytest.mark.parametrize(
    ("instant", "accepted"),
    [
        (datetime(2026, 3, 15, 22, 58, 59, tzinfo=UTC), True),  # 23:58:59 CET
        (datetime(2026, 3, 15, 22, 59, 0, tzinfo=UTC), False),  # 23:59:00 CET: the deadline
    ],
)
def test_submission_deadline_in_winter_time(draft, owner, time_machine, instant, accepted):
    time_machine.move_to(instant, tick=False)
    if accepted:
        assert services.submit(draft, owner).state == "submitted"
    else:
        assert refusal(services.submit, draft, owner) == {"__all__": [services.CLOSED]}
        assert Submission.objects.get(pk=draft.pk).state == "draft"


@pytest.mark.parametrize(
    ("instant", "accepted"),
    [
        (datetime(2026, 4, 15, 21, 58, 59, tzinfo=UTC), True),  # 23:58:59 CEST
        (datetime(2026, 4, 15, 21, 59, 0, tzinfo=UTC), False),
    ],
)
def test_submission_deadline_in_summer_time(draft, owner, time_machine, instant, accepted):
    Phase.objects.filter(key="submission").update(closes_at=geneva_time(2026, 4, 15, 23, 59))
    draft.cycle.edition.refresh_from_db()
    draft = Submission.objects.select_related("cycle__edition").get(pk=draft.pk)
    time_machine.move_to(instant, tick=False)
    assert services.can_change(draft) is accepted
    if accepted:
        assert services.submit(draft, owner).state == "submitted"
    else:
        with pytest.raises(ValidationError):
            services.submit(draft, owner)


def test_a_draft_cannot_be_changed_after_the_deadline(draft, owner, organisation, time_machine):
    time_machine.move_to(datetime(2026, 3, 16, 8, 0, tzinfo=UTC), tick=False)
    assert not services.can_change(draft)
    assert refusal(services.save_draft, draft, content(organisation, title="Late"), owner) == {
        "__all__": [services.CLOSED]
    }
    assert Submission.objects.get(pk=draft.pk).title == "Mobile digital libraries"


def test_no_draft_before_the_submission_phase_opens(owner, organisation, time_machine):
    time_machine.move_to(datetime(2025, 12, 1, tzinfo=UTC), tick=False)
    cycle = PrizeCycleFactory()
    with pytest.raises(ValidationError):
        services.save_draft(Submission(cycle=cycle, kind="submission"), content(organisation), owner)


def test_a_cycle_without_a_submission_phase_accepts_nothing(in_february):
    cycle = PrizeCycleFactory(submission_phase=False)
    assert not cycle.is_accepting()


# Nominations


def link_in(mail):
    return re.search(r"http://\S+/(ar|en)/prizes/confirm/(\S+)/", mail.body)


def test_nomination_mails_the_contact_a_link_and_the_nominator_a_receipt(nomination_draft, nominator):
    services.nominate(nomination_draft, nominator)
    nomination_draft.refresh_from_db()
    assert (nomination_draft.state, nomination_draft.confirmation, nomination_draft.reference) == (
        "submitted",
        "pending",
        "WSIS-PR-2026-00001",
    )
    assert not nomination_draft.counts
    assert not Submission.objects.counted().exists()
    (receipt,) = mails_to("omar@example.org")
    assert receipt.subject == "WSIS Prizes: nomination WSIS-PR-2026-00001 sent"
    (request,) = mails_to("thandi@cna.example.org")
    assert request.subject == "WSIS Prizes: please confirm the nomination of your project"
    language, token = link_in(request).groups()
    assert language == "en"
    assert services.nomination_for_token(token) == nomination_draft
    assert nomination_draft.confirmation_digest != token


def test_the_contact_is_written_to_in_the_language_of_their_account(nomination_draft, nominator):
    UserFactory(email="Thandi@cna.example.org", preferred_language="ar")
    services.nominate(nomination_draft, nominator)
    (request,) = mails_to("thandi@cna.example.org")
    assert request.subject == "جوائز القمة: يُرجى تأكيد ترشيح مشروعكم"
    assert link_in(request).group(1) == "ar"


def test_a_contact_without_an_account_is_written_to_in_the_nominators_language(nomination_draft, nominator):
    nominator.preferred_language = "ar"
    nominator.save()
    services.nominate(nomination_draft, nominator)
    assert link_in(mails_to("thandi@cna.example.org")[0]).group(1) == "ar"


def test_a_nomination_needs_its_contact(cycle, nominator):
    draft = services.save_draft(
        Submission(cycle=cycle, kind="nomination"), content(OrganisationFactory()), nominator
    )
    assert refusal(services.nominate, draft, nominator) == {
        "contact_name": ["Fill in this box before submitting."],
        "contact_email": ["Fill in this box before submitting."],
    }


def test_a_nominator_cannot_be_the_contact_who_confirms(cycle, nominator):
    draft = services.save_draft(
        Submission(cycle=cycle, kind="nomination"),
        content(OrganisationFactory(), contact_name="Me", contact_email="OMAR@example.org"),
        nominator,
    )
    assert list(refusal(services.nominate, draft, nominator)) == ["contact_email"]


def test_confirmation_makes_the_nomination_count_and_tells_the_nominator(nomination_draft, nominator):
    services.nominate(nomination_draft, nominator)
    assert services.confirm_nomination(nomination_draft) is True
    nomination_draft.refresh_from_db()
    assert (nomination_draft.confirmation, nomination_draft.confirmed_at) == (
        "confirmed",
        datetime(2026, 2, 10, 12, 0, tzinfo=UTC),
    )
    assert list(Submission.objects.counted()) == [nomination_draft]
    audit = AuditEntry.objects.get(action="consent.given")
    assert (audit.actor, audit.changes) == (None, {"confirmation": ["pending", "confirmed"]})
    assert mails_to("omar@example.org")[-1].subject == "WSIS Prizes: nomination WSIS-PR-2026-00001 confirmed"


def test_a_second_answer_changes_nothing(nomination_draft, nominator):
    services.nominate(nomination_draft, nominator)
    services.confirm_nomination(nomination_draft)
    assert services.decline_nomination(nomination_draft) is False
    assert services.confirm_nomination(nomination_draft) is False
    assert Submission.objects.get(pk=nomination_draft.pk).confirmation == "confirmed"


def test_a_declined_nomination_never_counts(nomination_draft, nominator):
    services.nominate(nomination_draft, nominator)
    assert services.decline_nomination(nomination_draft) is True
    assert not Submission.objects.counted().exists()
    assert AuditEntry.objects.filter(action="consent.refused").count() == 1


def test_a_draft_nomination_cannot_be_confirmed(nomination_draft):
    assert services.confirm_nomination(nomination_draft) is False
    assert Submission.objects.get(pk=nomination_draft.pk).confirmation == "pending"


def test_confirmation_after_the_deadline_is_refused(nomination_draft, nominator, time_machine):
    services.nominate(nomination_draft, nominator)
    time_machine.move_to(datetime(2026, 3, 15, 22, 59, tzinfo=UTC), tick=False)
    assert refusal(services.confirm_nomination, nomination_draft) == {"__all__": [services.CLOSED]}
    assert Submission.objects.get(pk=nomination_draft.pk).confirmation == "pending"


def test_confirmation_is_refused_once_the_entity_has_a_project_in_the_category(nomination_draft, nominator):
    services.nominate(nomination_draft, nominator)
    PrizeSubmissionFactory(
        cycle=nomination_draft.cycle, organisation=nomination_draft.organisation, state="submitted"
    )
    assert list(refusal(services.confirm_nomination, nomination_draft)) == ["category"]
    assert not Submission.objects.get(pk=nomination_draft.pk).counts


def test_a_pending_nomination_does_not_block_the_entitys_own_submission(nomination_draft, nominator, cycle):
    services.nominate(nomination_draft, nominator)
    organisation = nomination_draft.organisation
    focal_point = FocalPointFactory(organisation=organisation, status="confirmed").user
    own = services.save_draft(
        Submission(cycle=cycle, kind="submission"),
        content(organisation, title="Our own project"),
        focal_point,
    )
    assert services.submit(own, focal_point).state == "submitted"


@pytest.mark.parametrize("token", ["", "forged", "x" * 43])
def test_a_forged_link_names_no_nomination(nomination_draft, nominator, token):
    services.nominate(nomination_draft, nominator)
    assert services.nomination_for_token(token) is None


def test_submit_and_nominate_are_not_interchangeable(draft, nomination_draft, owner, nominator):
    with pytest.raises(ValueError):
        services.nominate(draft, owner)
    with pytest.raises(ValueError):
        services.submit(nomination_draft, nominator)


def test_two_projects_sent_at_the_same_instant_are_refused_by_the_database(
    draft, owner, organisation, cycle, monkeypatch
):
    """The second of two racing sends passes the checks (the first is not committed yet when it looks) and is
    stopped by the unique constraint, with the same translated message."""
    from prizes import eligibility

    second = services.save_draft(
        Submission(cycle=cycle, kind="submission"), content(organisation, title="Another project"), owner
    )
    services.submit(draft, owner)
    monkeypatch.setattr(eligibility, "problems", lambda submission, by: {})
    assert list(refusal(services.submit, second, owner)) == ["category"]
    assert Submission.objects.get(pk=second.pk).state == "draft"
