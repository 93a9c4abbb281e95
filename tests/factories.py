"""factory_boy factories for the platform's nouns."""

from datetime import date

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from wsis_portal.editions.models import Edition, Phase, Process
from wsis_portal.editions.schedule import geneva_time
from wsis_portal.stakeholders.models import FocalPoint, Organisation, StakeholderType, User

PASSWORD = "a-long-test-password-2026"


class UserFactory(factory.django.DjangoModelFactory):
    """A stakeholder with a verified e-mail address, able to sign in."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"stakeholder{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Stakeholder {n}")
    stakeholder_type = StakeholderType.CIVIL_SOCIETY
    country = "KE"
    preferred_language = "en"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create:
            self.save()
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)

    @factory.post_generation
    def acts_for_organisation(self, create, extracted, **kwargs):
        """A profile's organisation is the one the secretariat confirmed the user for: a confirmed focal
        point of it, unless ``acts_for_organisation=False``."""
        if create and extracted is not False and self.organisation_id:
            FocalPoint.objects.get_or_create(
                user=self, organisation=self.organisation, defaults={"status": FocalPoint.Status.CONFIRMED}
            )


class SecretariatFactory(UserFactory):
    email = factory.Sequence(lambda n: f"secretariat{n}@example.org")
    is_staff = True

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get(name="secretariat"))


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    stakeholder_type = StakeholderType.CIVIL_SOCIETY
    country = "SN"
    is_verified = True


class FocalPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FocalPoint
        django_get_or_create = ("user", "organisation")

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    motivation = "Coordinator"


def owner_acts_for_organisation(item, create, extracted, **kwargs):
    """Post-generation of the items filed for an organisation: their owner is a confirmed focal point of it
    (as the portal only lets one file), unless ``filed_by_focal_point=False`` (legacy or tampered data)."""
    if create and extracted is not False and item.owner_id and item.organisation_id:
        FocalPoint.objects.get_or_create(
            user=item.owner,
            organisation=item.organisation,
            # Confirmed by the time the item was filed.
            defaults={"status": FocalPoint.Status.CONFIRMED, "decided_at": item.created_at},
        )


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition
        django_get_or_create = ("year",)

    year = 2026
    starts_on = factory.LazyAttribute(lambda e: date(e.year, 7, 6))
    ends_on = factory.LazyAttribute(lambda e: date(e.year, 7, 10))
    venue_en = "Geneva, Switzerland"
    venue_ar = "جنيف، سويسرا"


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phase

    edition = factory.SubFactory(EditionFactory)
    process = Process.CONSULTATION
    key = factory.Sequence(lambda n: f"phase-{n}")
    name_en = "Official contributions"
    name_ar = "المساهمات الرسمية"
    opens_at = geneva_time(2025, 12, 23, 9, 0)
    closes_at = geneva_time(2026, 3, 20, 23, 59)


# WSIS Prizes


class PrizeCycleFactory(factory.django.DjangoModelFactory):
    """A cycle whose submission phase (Geneva time) runs from 23 December 2025 to 15 March 2026, 23:59;
    short descriptions of 5 to 10 words (the tests stay readable), in English or Arabic."""

    class Meta:
        model = "prizes.PrizeCycle"
        django_get_or_create = ("edition",)
        skip_postgeneration_save = True

    edition = factory.SubFactory(EditionFactory)
    short_description_min_words = 5
    short_description_max_words = 10
    content_languages = factory.LazyFunction(lambda: ["en", "ar"])

    @factory.post_generation
    def submission_phase(self, create, extracted, **kwargs):
        if create and extracted is not False:
            Phase.objects.get_or_create(
                edition=self.edition,
                process=Process.PRIZES,
                key="submission",
                defaults={
                    "name_en": "Submission and nomination of projects",
                    "name_ar": "تقديم المشروعات أو ترشيحها",
                    "opens_at": geneva_time(2025, 12, 23, 9, 0),
                    "closes_at": geneva_time(2026, 3, 15, 23, 59),
                },
            )


def prize_category(code):
    from prizes.models import PrizeCategory

    return PrizeCategory.objects.get(action_line__code=code)


class PrizeSubmissionFactory(factory.django.DjangoModelFactory):
    """A complete, eligible draft of an entity's own project in C3, tagged with SDG 4 and GDC objective 1;
    ``PrizeSubmissionFactory(state="winner")`` writes other states directly."""

    class Meta:
        model = "prizes.Submission"
        skip_postgeneration_save = True

    cycle = factory.SubFactory(PrizeCycleFactory)
    category = factory.LazyFunction(lambda: prize_category("C3"))
    kind = "submission"
    owner = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Prize project {n}")
    language = "en"
    short_description = "Buses bring computers and broadband to remote villages."
    description = "A full description of the project."
    impact_qualitative = "Women and young people learn digital skills."
    impact_quantitative = "12,000 people trained in three years."
    partnerships = "The ministry and two universities."
    challenges = "Roads in the rainy season."
    future_plans = "Ten more buses by 2028."
    project_status = "completed"

    @factory.post_generation
    def filed_by_focal_point(self, create, extracted, **kwargs):
        if self.kind == "submission":
            owner_acts_for_organisation(self, create, extracted)

    @factory.post_generation
    def sdgs(self, create, extracted, **kwargs):
        if create:
            from wsis_portal.editions.models import SustainableDevelopmentGoal

            self.sdgs.set(SustainableDevelopmentGoal.objects.filter(number__in=extracted or [4]))

    @factory.post_generation
    def gdc_objectives(self, create, extracted, **kwargs):
        if create:
            from wsis_portal.editions.models import GDCObjective

            self.gdc_objectives.set(GDCObjective.objects.filter(number__in=extracted or [1]))
