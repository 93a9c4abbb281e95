"""factory_boy factories for the open consultation.

``ConsultationFactory`` makes the 2026 consultation with its "contributions" phase (23 December 2025 09:00
to 20 March 2026 23:59, Geneva time); move the clock with time-machine (``OPEN`` / ``CLOSED`` instants).
Items are drafts by default; ``submitted(item)`` sends one through the services.
"""

from datetime import date

import factory

from consultations import services
from consultations.models import (
    CONTRIBUTIONS_PHASE,
    Consultation,
    Contribution,
    FacilitatorNomination,
    Meeting,
    Speaker,
    Topic,
    WorkshopRequest,
)
from tests.factories import EditionFactory, OrganisationFactory, UserFactory, owner_acts_for_organisation
from wsis_portal.editions.models import ActionLine, Format, Phase, Process, SustainableDevelopmentGoal
from wsis_portal.editions.schedule import geneva_time

OPEN = geneva_time(2026, 2, 10, 12, 0)
DEADLINE = geneva_time(2026, 3, 20, 23, 59)
CLOSED = geneva_time(2026, 3, 21, 0, 0)


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consultation
        django_get_or_create = ("edition",)
        skip_postgeneration_save = True

    edition = factory.SubFactory(EditionFactory)
    introduction_en = "Tell us what the next Forum should discuss and how."
    introduction_ar = "أخبرونا بما ينبغي أن يناقشه المنتدى القادم وكيف."
    max_speakers = 4
    max_workshop_requests = 3

    @factory.post_generation
    def phase(self, create, extracted, **kwargs):
        if create and extracted is not False:
            Phase.objects.get_or_create(
                edition=self.edition,
                process=Process.CONSULTATION,
                key=CONTRIBUTIONS_PHASE,
                defaults={
                    "name_en": "Official contributions and binding workshop requests",
                    "name_ar": "المساهمات الرسمية والطلبات الملزمة بشأن عقد ورش عمل",
                    "opens_at": geneva_time(2025, 12, 23, 9, 0),
                    "closes_at": DEADLINE,
                },
            )


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    consultation = factory.SubFactory(ConsultationFactory)
    title_en = factory.Sequence(lambda n: f"Consultation meeting {n}")
    title_ar = factory.Sequence(lambda n: f"اجتماع المشاورة {n}")
    starts_at = geneva_time(2026, 2, 5, 14, 0)
    ends_at = geneva_time(2026, 2, 5, 16, 0)
    format = Format.VIRTUAL
    link = "https://meet.example.org/wsis-ocp"


def topics(*codes):
    return list(Topic.objects.filter(code__in=codes or ("ai",)))


def action_lines(*codes):
    return list(ActionLine.objects.filter(code__in=codes or ("C3",)))


class _ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True
        skip_postgeneration_save = True

    consultation = factory.SubFactory(ConsultationFactory)
    owner = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    language = "en"
    stakeholder_type = factory.LazyAttribute(lambda item: item.organisation.stakeholder_type)
    country = factory.LazyAttribute(lambda item: item.organisation.country)
    filed_by_focal_point = factory.PostGeneration(owner_acts_for_organisation)


class ContributionFactory(_ItemFactory):
    """A draft contribution tagged with topics and action lines given by code:
    ``ContributionFactory(topics=["ai", "gender"], action_lines=["C3"])``."""

    class Meta:
        model = Contribution
        skip_postgeneration_save = True

    kind = Contribution.Kind.PRIORITIES
    title = factory.Sequence(lambda n: f"Contribution {n}")
    text = "The Forum should give more room to community networks."

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create:
            self.topics.set(topics(*(extracted or ["ai"])))

    @factory.post_generation
    def action_lines(self, create, extracted, **kwargs):
        if create:
            self.action_lines.set(action_lines(*(extracted or ["C3"])))


class WorkshopRequestFactory(_ItemFactory):
    """A draft workshop request with ``speakers`` proposed speakers (default 2)."""

    class Meta:
        model = WorkshopRequest
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Workshop {n}")
    description = "How community networks connect the last billion."
    format = Format.HYBRID
    organisers = "Community Networks Alliance\nPacific Open Data Lab"
    session_languages = ["en", "ar"]
    preferred_day = date(2026, 7, 8)
    hybrid_needs = "Two remote speakers."

    @factory.post_generation
    def action_lines(self, create, extracted, **kwargs):
        if create:
            self.action_lines.set(action_lines(*(extracted or ["C3"])))

    @factory.post_generation
    def sdgs(self, create, extracted, **kwargs):
        if create:
            self.sdgs.set(SustainableDevelopmentGoal.objects.filter(number__in=extracted or [4]))

    @factory.post_generation
    def speakers(self, create, extracted, **kwargs):
        if create:
            for index in range(2 if extracted is None else extracted):
                SpeakerFactory(request=self, position=index)


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    request = factory.SubFactory(WorkshopRequestFactory)
    name = factory.Sequence(lambda n: f"Speaker {n}")
    organisation = "Community Networks Alliance"
    gender = Speaker.Gender.WOMAN
    stakeholder_type = "civil_society"
    country = "ZA"


class NominationFactory(_ItemFactory):
    class Meta:
        model = FacilitatorNomination

    nominee_group = "civil_society"
    nominee_name = factory.Sequence(lambda n: f"Nominee {n}")
    nominee_email = factory.Sequence(lambda n: f"nominee{n}@example.org")
    nominee_organisation = "Nile Digital Inclusion Forum"
    biography = "Twenty years of work on community networks."


def submitted(item):
    """``item`` sent by its owner through the services (the clock must be before the deadline)."""
    return services.submit(item, item.owner)


def open_consultation(closes_in, **kwargs):
    """The 2027 consultation, its contributions phase open from a month ago until ``closes_in`` from now
    (for the browser journeys: the browser and the server share the clock)."""
    from datetime import timedelta

    from django.utils import timezone

    from consultations.models import CONTRIBUTIONS_PHASE

    edition = EditionFactory(year=2027, starts_on=date(2027, 7, 5), ends_on=date(2027, 7, 9))
    consultation = ConsultationFactory(edition=edition, phase=False, **kwargs)
    Phase.objects.create(
        edition=edition,
        process=Process.CONSULTATION,
        key=CONTRIBUTIONS_PHASE,
        name_en="Official contributions and binding workshop requests",
        name_ar="المساهمات الرسمية والطلبات الملزمة بشأن عقد ورش عمل",
        opens_at=timezone.now() - timedelta(days=30),
        closes_at=timezone.now() + closes_in,
    )
    return consultation
