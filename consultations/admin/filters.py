"""Filters of the review queues. Their parameters (``state=counted``, ``topic``, ``action_line``,
``stakeholder_type``, ``region``, ``edition``) are also the links of the synthesis page's rows."""

from django.contrib import admin
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from wsis_portal.editions.models import ActionLine
from wsis_portal.lifecycle.models import SubmissionState
from wsis_portal.stakeholders.countries import collation_key, portal_countries
from wsis_portal.stakeholders.models import Region, StakeholderType

from .. import synthesis
from ..models import Consultation, Contribution, Topic

COUNTED = "counted"  # the state filter's choice for what the synthesis counts


class StateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [(COUNTED, _("Submitted or accepted")), *SubmissionState.choices]

    def queryset(self, request, queryset):
        if self.value() == COUNTED:
            return queryset.filter(state__in=synthesis.COUNTED_STATES)
        return queryset.filter(state=self.value()) if self.value() else queryset


class EditionFilter(admin.SimpleListFilter):
    title = _("edition")
    parameter_name = "edition"

    def lookups(self, request, model_admin):
        consultations = Consultation.objects.select_related("edition").order_by("-edition__year")
        return [(str(c.edition.year), str(c.edition)) for c in consultations]

    def queryset(self, request, queryset):
        return queryset.filter(consultation__edition__year=self.value()) if self.value() else queryset


class TopicFilter(admin.SimpleListFilter):
    title = _("theme")
    parameter_name = "topic"

    def lookups(self, request, model_admin):
        return [(topic.code, topic.name) for topic in Topic.objects.all()]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        links = Contribution.topics.through.objects.filter(
            contribution=OuterRef("pk"), topic__code=self.value()
        )
        return queryset.filter(Exists(links))


class ActionLineFilter(admin.SimpleListFilter):
    title = _("action line")
    parameter_name = "action_line"

    def lookups(self, request, model_admin):
        return [(line.code, f"{line.code} {line.name}") for line in ActionLine.objects.order_by("position")]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        model = queryset.model
        links = model.action_lines.through.objects.filter(
            **{model._meta.model_name: OuterRef("pk")}, actionline__code=self.value()
        )
        return queryset.filter(Exists(links))


class StakeholderTypeFilter(admin.SimpleListFilter):
    title = _("stakeholder type")
    parameter_name = "stakeholder_type"

    def lookups(self, request, model_admin):
        return [*StakeholderType.choices, (synthesis.NONE, _("Not stated"))]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        return queryset.filter(stakeholder_type="" if self.value() == synthesis.NONE else self.value())


class RegionFilter(admin.SimpleListFilter):
    title = _("region")
    parameter_name = "region"

    def lookups(self, request, model_admin):
        return [
            *((region.code, region.name) for region in Region.objects.all()),
            (synthesis.NONE, _("No region")),
        ]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        if self.value() == synthesis.NONE:
            return queryset.filter(region__isnull=True)
        return queryset.filter(region__code=self.value())


class CountryFilter(admin.SimpleListFilter):
    """The countries the queue's submissions come from, by name."""

    title = _("country")
    parameter_name = "country"

    def lookups(self, request, model_admin):
        codes = model_admin.model.objects.exclude(country="").order_by().values_list("country", flat=True)
        named = ((code, portal_countries.name(code)) for code in codes.distinct())
        return sorted(named, key=lambda pair: collation_key(pair[1]))

    def queryset(self, request, queryset):
        return queryset.filter(country=self.value()) if self.value() else queryset
