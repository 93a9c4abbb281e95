"""factory_boy factories for stocktaking entries, with their tags and search terms.

``EntryFactory`` makes a draft; ``PublishedEntryFactory`` an accepted entry written directly (fast, for
search and exports); ``publish`` takes an entry through the services as a submitter and a clerk would.
"""

from datetime import UTC, datetime

import factory

from stocktaking import services
from stocktaking.models import Entry
from tests.factories import OrganisationFactory, SecretariatFactory, UserFactory, owner_acts_for_organisation
from wsis_portal.editions.models import ActionLine, GDCObjective, SustainableDevelopmentGoal
from wsis_portal.lifecycle.models import SubmissionState
from wsis_portal.lifecycle.transitions import next_reference
from wsis_portal.stakeholders.models import Region


class EntryFactory(factory.django.DjangoModelFactory):
    """A draft tagged with action lines (the first one main), countries, regions, SDGs and GDC objectives
    given by code or number: ``EntryFactory(action_lines=["C3", "C4"], countries=["KE"], sdgs=[4])``."""

    class Meta:
        model = Entry
        skip_postgeneration_save = True

    kind = Entry.Kind.PROJECT
    title = factory.Sequence(lambda n: f"Entry {n}")
    description = "A description of the work."
    language = "en"
    owner = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    stakeholder_type = factory.LazyAttribute(lambda entry: entry.organisation.stakeholder_type)
    is_global = True
    work_status = Entry.WorkStatus.ONGOING
    filed_by_focal_point = factory.PostGeneration(owner_acts_for_organisation)

    @factory.post_generation
    def action_lines(self, create, extracted, **kwargs):
        if not create:
            return
        codes = ["C3"] if extracted is None else list(extracted)
        lines = {line.code: line for line in ActionLine.objects.filter(code__in=codes)}
        for index, code in enumerate(codes):
            self.action_line_links.create(action_line=lines[code], is_main=index == 0)

    @factory.post_generation
    def countries(self, create, extracted, **kwargs):
        if create and extracted:
            for code in extracted:
                self.country_links.create(country=code)

    @factory.post_generation
    def regions(self, create, extracted, **kwargs):
        if create and extracted:
            self.regions.set(Region.objects.filter(code__in=extracted))

    @factory.post_generation
    def sdgs(self, create, extracted, **kwargs):
        if create and extracted:
            self.sdgs.set(SustainableDevelopmentGoal.objects.filter(number__in=extracted))

    @factory.post_generation
    def gdc_objectives(self, create, extracted, **kwargs):
        if create and extracted:
            self.gdc_objectives.set(GDCObjective.objects.filter(number__in=extracted))

    @factory.post_generation
    def search_document(self, create, extracted, **kwargs):
        if create:
            services.refresh_search_document(self)


class SubmittedEntryFactory(EntryFactory):
    state = SubmissionState.SUBMITTED
    reference = factory.LazyFunction(lambda: next_reference(Entry.REFERENCE_PREFIX))
    submitted_at = factory.LazyFunction(lambda: datetime(2026, 3, 2, 9, 0, tzinfo=UTC))


class PublishedEntryFactory(SubmittedEntryFactory):
    """An accepted entry, written directly; ``year`` sets its publication date (1 March of that year)."""

    state = SubmissionState.ACCEPTED
    year = 2026
    published_at = factory.LazyAttribute(lambda entry: datetime(entry.year, 3, 1, 12, 0, tzinfo=UTC))
    decided_at = factory.SelfAttribute("published_at")


def publish(entry, clerk=None):
    """Submit ``entry`` as its owner and approve it as a clerk, through the services; returns it."""
    services.submit(entry, entry.owner)
    return services.approve(entry, clerk or SecretariatFactory())


def action_lines(*codes):
    """The action lines of ``codes``, in the order of the Plan of Action."""
    return list(ActionLine.objects.filter(code__in=codes).order_by("position"))


def entry_content(organisation, **changes):
    """What the entry form hands to ``services.save_content``."""
    return {
        "kind": "initiative",
        "title": "Community networks for rural broadband",
        "description": "Cooperatives build and run their own wireless networks.",
        "language": "en",
        "organisation": organisation,
        "is_global": False,
        "regions": [],
        "countries": ["KE", "SN"],
        "action_lines": action_lines("C2", "C6"),
        "main_action_line": None,
        "sdgs": list(SustainableDevelopmentGoal.objects.filter(number__in=[9, 11])),
        "gdc_objectives": [],
        "start_date": None,
        "end_date": None,
        "work_status": "ongoing",
        "website": "",
        "contact_name": "",
        "contact_email": "",
        "attachment": "",
        **changes,
    }
