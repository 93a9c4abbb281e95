"""The world the authorization matrix requests: two organisations, A and B, each with a confirmed focal
point (the stakeholder has asked to be A's, pending; the unverified account was declined); A's objects in
every process; Member States X (Egypt) and Y (Senegal) invited, each with its protocol office's account;
one account per role. It is 10 February 2026, 12:00 UTC: the
stocktaking, the 2026 consultation, the prize submissions and the high-level track's confirmations are
open."""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone

from consultations import services as consultation_services
from forum_events import high_level
from forum_events.models import Agenda, Session, SessionChange, SessionType, SlotRequest
from prizes import services as prize_services
from prizes.models import (
    Certificate,
    ConflictOfInterest,
    ExpertAssignment,
    Score,
    Vote,
)
from prizes.models.voting import DisposableEmailDomain
from stocktaking.models import Entry
from tests.consultations.factories import (
    ConsultationFactory,
    ContributionFactory,
    NominationFactory,
    WorkshopRequestFactory,
)
from tests.factories import (
    EditionFactory,
    FocalPointFactory,
    OrganisationFactory,
    PhaseFactory,
    PrizeCycleFactory,
    PrizeSubmissionFactory,
    SecretariatFactory,
    UserFactory,
    prize_category,
)
from tests.stocktaking.factories import EntryFactory, PublishedEntryFactory, SubmittedEntryFactory
from wsis_portal.editions.models import Process
from wsis_portal.editions.schedule import GENEVA
from wsis_portal.letters.models import CircularLetter, LetterBatch, Letterhead, LetterPDF, PersonalLetter
from wsis_portal.lifecycle.models import SubmissionState
from wsis_portal.reminders import registry
from wsis_portal.reminders import services as reminder_services
from wsis_portal.reminders.models import ReminderDelivery, ReminderOptOut, ReminderRule
from wsis_portal.stakeholders.models import MemberState
from wsis_portal.stakeholders.roles import Role

NOW = datetime(2026, 2, 10, 12, 0, tzinfo=UTC)
# The roles every URL is requested as; "protocol_office" is Member State X's own office, the owner of the
# invitation, beside "other_protocol_office" (Member State Y's), who must be refused.
ROLES = (
    "anonymous",
    "unverified",
    "stakeholder",
    "focal_point",
    "other_focal_point",
    "protocol_office",
    "other_protocol_office",
    "expert",
    "secretariat",
)
PDF = b"%PDF-1.4\n% the matrix's statement\n"
CERTIFICATE_CODE = "7KQ2-M9XD-4HTA"
UNPUBLISHED_CERTIFICATE_CODE = "3HTA-7KQ2-M9XD"
PRIZE_CONFIRMATION_TOKEN = "matrix-prize-confirmation-token"


@dataclass
class World:
    users: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)
    tokens: dict = field(default_factory=dict)

    def __getitem__(self, name):
        return self.objects[name]


def _accounts(world, organisation_a, organisation_b, cycle):
    users = world.users
    users["unverified"] = UserFactory(full_name="Unverified Visitor")
    EmailAddress.objects.filter(user=users["unverified"]).update(verified=False)
    users["stakeholder"] = UserFactory(full_name="Plain Stakeholder")
    # Asking to act for A, or refused, is not acting for A: neither may touch A's objects.
    FocalPointFactory(user=users["stakeholder"], organisation=organisation_a, status="pending")
    FocalPointFactory(user=users["unverified"], organisation=organisation_a, status="declined")
    users["focal_point"] = UserFactory(full_name="Focal Point A", organisation=organisation_a)
    FocalPointFactory(user=users["focal_point"], organisation=organisation_a, status="confirmed")
    users["other_focal_point"] = UserFactory(full_name="Focal Point B", organisation=organisation_b)
    FocalPointFactory(user=users["other_focal_point"], organisation=organisation_b, status="confirmed")
    users["protocol_office"] = UserFactory(
        full_name="Protocol X", member_state=MemberState.objects.get(country="EG")
    )
    users["other_protocol_office"] = UserFactory(
        full_name="Protocol Y", member_state=MemberState.objects.get(country="SN")
    )
    users["expert"] = UserFactory(full_name="Expert C3")
    users["expert"].groups.add(Group.objects.get(name=Role.REVIEWER.group_name))
    users["secretariat"] = SecretariatFactory(full_name="Secretariat Clerk")
    world.objects["other_clerk"] = SecretariatFactory(full_name="Another Clerk")
    world.objects["assignment"] = ExpertAssignment.objects.create(
        cycle=cycle, category=prize_category("C3"), expert=users["expert"]
    )


def _stocktaking(world, owner, organisation):
    objects = world.objects
    attachment = ContentFile(b"A's private annex", name="annex-a.txt")
    objects["entry_draft"] = EntryFactory(
        owner=owner, organisation=organisation, title="Matrix secret draft", attachment=attachment
    )
    objects["entry_submitted"] = SubmittedEntryFactory(
        owner=owner, organisation=organisation, title="Matrix secret submitted"
    )
    objects["entry_rejected"] = SubmittedEntryFactory(
        owner=owner,
        organisation=organisation,
        title="Matrix secret rejected",
        state=SubmissionState.REJECTED,
    )
    objects["entry_published"] = PublishedEntryFactory(
        owner=owner,
        organisation=organisation,
        title="Matrix public entry",
        attachment=ContentFile(b"A's public annex", name="annex-public.txt"),
    )
    # A revision under review of the published entry: its new title must not leak either.
    objects["entry_revision"] = EntryFactory(
        owner=owner,
        organisation=organisation,
        title="Matrix secret revision",
        revision_of=objects["entry_published"],
        state=SubmissionState.SUBMITTED,
    )


def _consultation(world, edition, owner, organisation):
    consultation = ConsultationFactory(edition=edition)
    objects = world.objects
    objects["consultation"] = consultation
    kwargs = {"consultation": consultation, "owner": owner, "organisation": organisation}
    objects["contribution"] = ContributionFactory(**kwargs, title="Matrix secret contribution")
    objects["workshop"] = WorkshopRequestFactory(**kwargs, title="Matrix secret workshop")
    objects["nomination"] = NominationFactory(**kwargs, nominee_name="Matrix Secret Nominee")
    sent = NominationFactory(**kwargs, nominee_email="consenting@example.org")
    consultation_services.submit(sent, owner)
    world.tokens["consent"] = consultation_services.consent_token(sent)


def _prizes(world, cycle, owner, organisation):
    objects = world.objects
    objects["prize_draft"] = PrizeSubmissionFactory(
        cycle=cycle, owner=owner, organisation=organisation, title="Matrix secret prize draft"
    )
    objects["prize_submitted"] = PrizeSubmissionFactory(
        cycle=cycle,
        owner=owner,
        organisation=organisation,
        title="Matrix prize submitted",
        state="submitted",
        reference="WSIS-PR-2026-0901",
        submitted_at=NOW - timedelta(days=3),
    )
    # Not a nominee until the secretariat publishes the nominees: the public must not know it is one.
    objects["prize_nominee"] = PrizeSubmissionFactory(
        cycle=cycle,
        owner=owner,
        organisation=organisation,
        category=prize_category("C4"),
        title="Matrix unpublished nominee",
        state="nominee",
        reference="WSIS-PR-2026-0902",
        submitted_at=NOW - timedelta(days=3),
        stocktaking_entry=objects["entry_published"],
    )
    objects["prize_nomination"] = PrizeSubmissionFactory(
        cycle=cycle,
        kind="nomination",
        owner=owner,
        organisation=OrganisationFactory(name="Nominated Elsewhere"),
        category=prize_category("C5"),
        title="Matrix nominated project",
        contact_name="Project Contact",
        contact_email="contact@elsewhere.example.org",
        state="submitted",
        reference="WSIS-PR-2026-0903",
        confirmation="pending",
        confirmation_digest=prize_services._digest(PRIZE_CONFIRMATION_TOKEN),
    )
    world.tokens["prize_confirmation"] = PRIZE_CONFIRMATION_TOKEN
    expert = world.users["expert"]
    objects["score"] = Score.objects.create(
        expert=expert,
        submission=objects["prize_submitted"],
        stage="nomination",
        **dict.fromkeys(
            (
                "results_impact",
                "community_empowerment",
                "sdg_relevance",
                "replication",
                "sustainability",
                "partnerships",
                "wsis_values",
            ),
            7,
        ),
    )
    objects["conflict"] = ConflictOfInterest.objects.create(
        expert=world.users["secretariat"], submission=objects["prize_submitted"], reason="A board member."
    )
    objects["vote"] = Vote.objects.create(
        cycle=cycle,
        category=prize_category("C4"),
        submission=objects["prize_nominee"],
        voter=world.users["stakeholder"],
        voter_key="matrix-voter-key",
        cast_at=NOW - timedelta(days=1),
        account_created_at=NOW - timedelta(days=100),
        email_domain="example.org",
    )
    DisposableEmailDomain.objects.get_or_create(domain="mailinator.com")
    # A champion of 2025, published, with its certificate.
    past = PrizeCycleFactory(
        edition=EditionFactory(year=2025),
        submission_phase=False,
        nominees_published_at=datetime(2025, 5, 1, tzinfo=UTC),
        champions_published_at=datetime(2025, 6, 1, tzinfo=UTC),
    )
    champion = PrizeSubmissionFactory(
        cycle=past,
        owner=owner,
        organisation=organisation,
        title="Matrix champion 2025",
        state="champion",
        reference="WSIS-PR-2025-0001",
        submitted_at=datetime(2025, 2, 1, tzinfo=UTC),
    )
    objects["certificate"] = Certificate.objects.create(
        submission=champion,
        kind="champion",
        code=CERTIFICATE_CODE,
        pdf_en=ContentFile(PDF, name="certificate-en.pdf"),
    )
    # A certificate made ahead of the 2026 champions' publication: nobody may verify it yet.
    objects["unpublished_certificate"] = Certificate.objects.create(
        submission=objects["prize_nominee"],
        kind="champion",
        code=UNPUBLISHED_CERTIFICATE_CODE,
        pdf_en=ContentFile(PDF, name="certificate-unpublished-en.pdf"),
    )


def _forum(world, edition):
    objects = world.objects
    PhaseFactory(
        edition=edition,
        process=Process.FORUM,
        key=high_level.CONFIRMATIONS_PHASE,
        name_en="Confirmations of the high-level track",
        name_ar="تأكيدات المسار الرفيع المستوى",
        opens_at=NOW - timedelta(days=30),
        closes_at=NOW + timedelta(days=60),
    )
    session = Session.objects.create(
        edition=edition,
        kind=SessionType.HIGH_LEVEL_POLICY,
        title_en="Policy session: bridging the digital divide",
        title_ar="جلسة السياسات: سد الفجوة الرقمية",
        starts_at=datetime(2026, 7, 7, 9, tzinfo=GENEVA),
        ends_at=datetime(2026, 7, 7, 10, 30, tzinfo=GENEVA),
        speaking_capacity=3,
    )
    objects["session"] = session
    objects["agenda"] = Agenda.objects.create(edition=edition, published_at=NOW - timedelta(days=1))
    objects["session_change"] = SessionChange.objects.create(
        session=session, kind="room", before="Room A", after="Room B"
    )
    egypt = MemberState.objects.get(country="EG")
    egypt.protocol_office_email = "protocol@mcit.gov.eg"
    egypt.save()
    invitation, token = high_level.issue_invitation(edition, egypt, world.users["secretariat"])
    high_level.answer(invitation, True)
    objects["invitation"] = invitation
    world.tokens["invitation"] = token
    # Member State Y is invited too: its office and its link must reach only Y's requests.
    senegal = MemberState.objects.get(country="SN")
    senegal.protocol_office_email = "protocole@example.sn"
    senegal.save()
    other, world.tokens["other_invitation"] = high_level.issue_invitation(
        edition, senegal, world.users["secretariat"]
    )
    high_level.answer(other, True)
    slot = SlotRequest(
        invitation=invitation,
        member_state=egypt,
        session=session,
        speaker_name="Matrix Minister",
        speaker_title="Minister of Communications",
        rank=3,
        attendance=SlotRequest.Attendance.IN_PERSON,
        statement_language="ar",
        requested_at=NOW - timedelta(days=2),
    )
    slot.statement.save("statement-eg.pdf", ContentFile(PDF), save=False)
    slot.photo.save("photo-eg.jpg", ContentFile(b"\xff\xd8\xff photo"), save=False)
    slot.save()
    objects["slot_request"] = slot


def _letters_and_reminders(world, edition):
    objects = world.objects
    letter = CircularLetter.objects.create(
        edition=edition,
        reference="CL-26/001",
        state=CircularLetter.State.ISSUED,
        issued_at=NOW - timedelta(days=26),
        date=date(2026, 1, 15),
        contact_name="WSIS Secretariat",
        contact_email="wsis@example.org",
        subject="Invitation to the WSIS Forum 2026",
        body="The Forum takes place in Geneva.",
        signatory_name="Secretary-General",
        signatory_title="Secretary-General",
        annex=ContentFile(PDF, name="programme.pdf"),
    )
    objects["letter"] = letter
    pdf = LetterPDF.objects.create(letter=letter, language="en", status=LetterPDF.Status.DONE)
    pdf.file.save("cl-26-001-en.pdf", ContentFile(PDF))
    draft = CircularLetter.objects.create(
        edition=edition,
        reference="CL-26/002",
        contact_name="WSIS Secretariat",
        contact_email="wsis@example.org",
        subject="A letter not issued yet",
        body="Not issued.",
        signatory_name="Secretary-General",
        signatory_title="Secretary-General",
    )
    preview = LetterPDF.objects.create(letter=draft, language="en", status=LetterPDF.Status.DONE)
    preview.file.save("cl-26-002-en.pdf", ContentFile(PDF))
    objects["draft_letter"] = draft
    objects["letterhead"] = Letterhead.objects.create(
        organisation="International Telecommunication Union", address="Place des Nations, Geneva", active=True
    )
    objects["letter_batch"] = batch = LetterBatch.objects.create(letter=letter, audience="member_states")
    objects["personal_letter"] = PersonalLetter.objects.create(
        batch=batch, recipient_key="EG", recipient_label="Egypt", language="ar"
    )
    objects["opt_out"] = ReminderOptOut.objects.create(email="someone@example.org", rule="stocktaking")
    world.tokens["opt_out"] = reminder_services.opt_out_token(
        world.users["focal_point"].email, _reminder_rule_key()
    )
    objects["reminder_delivery"] = ReminderDelivery.objects.create(
        rule=_reminder_rule_key(),
        content_type_id=_content_type_id(Entry),
        object_id=objects["entry_draft"].pk,
        recipient=world.users["focal_point"].email,
        language="en",
        offset=7,
        anchor=NOW + timedelta(days=7),
        due_at=NOW,
    )


def _reminder_rule_key():
    """An optional rule (one a recipient may stop), with its row as the sweep creates it."""
    key = next(rule.key for rule in registry.rules() if rule.optional)
    ReminderRule.objects.get_or_create(key=key)
    return key


def _content_type_id(model):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(model).pk


def build_world() -> World:
    """Everything the matrix requests, in the database of the running test (the clock at ``NOW``)."""
    assert timezone.now() == NOW, "move the clock to NOW first"
    world = World()
    edition = EditionFactory(year=2026)
    cycle = PrizeCycleFactory(edition=edition)
    organisation_a = OrganisationFactory(name="Organisation A")
    organisation_b = OrganisationFactory(name="Organisation B")
    world.objects.update(
        {
            "edition": edition,
            "cycle": cycle,
            "organisation_a": organisation_a,
            "organisation_b": organisation_b,
        }
    )
    _accounts(world, organisation_a, organisation_b, cycle)
    owner = world.users["focal_point"]
    _stocktaking(world, owner, organisation_a)
    _consultation(world, edition, owner, organisation_a)
    _prizes(world, cycle, owner, organisation_a)
    _forum(world, edition)
    _letters_and_reminders(world, edition)
    return world
