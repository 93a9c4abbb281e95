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

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    motivation = "Coordinator"


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
