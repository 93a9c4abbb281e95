"""The reference data the search pages show, loaded once per process: it only changes with a migration."""

from dataclasses import dataclass
from functools import lru_cache

from django.utils.translation import get_language

from wsis_portal.editions.models import ActionLine, GDCObjective, SustainableDevelopmentGoal
from wsis_portal.stakeholders.countries import portal_countries
from wsis_portal.stakeholders.models import Region, StakeholderType


@dataclass(frozen=True)
class Choice:
    """One value a facet can take: what the URL says, the database id, and the label in each language."""

    value: str
    pk: object
    labels: dict

    @property
    def label(self):
        return self.labels.get(get_language()) or self.labels["en"]


def _choices(queryset, value, pk="pk", label=None):
    return tuple(
        Choice(str(getattr(row, value)), getattr(row, pk), {"en": label(row, "en"), "ar": label(row, "ar")})
        for row in queryset
    )


@lru_cache(maxsize=1)
def action_lines():
    return _choices(
        ActionLine.objects.order_by("position"),
        "code",
        label=lambda row, lang: f"{row.code} {getattr(row, f'name_{lang}')}",
    )


@lru_cache(maxsize=1)
def sdgs():
    return _choices(
        SustainableDevelopmentGoal.objects.order_by("number"),
        "number",
        label=lambda row, lang: f"{row.number}. {getattr(row, f'name_{lang}')}",
    )


@lru_cache(maxsize=1)
def gdc_objectives():
    return _choices(
        GDCObjective.objects.order_by("number"),
        "number",
        label=lambda row, lang: f"{row.number}. {getattr(row, f'name_{lang}')}",
    )


@lru_cache(maxsize=1)
def regions():
    return _choices(
        Region.objects.order_by("position"), "code", label=lambda row, lang: getattr(row, f"name_{lang}")
    )


def by_value(choices):
    return {choice.value: choice for choice in choices}


def by_pk(choices):
    return {choice.pk: choice for choice in choices}


def stakeholder_types():
    return tuple(Choice(value, value, {"en": label, "ar": label}) for value, label in StakeholderType.choices)


@lru_cache(maxsize=8)
def _country_names(language):
    return {code: str(name) for code, name in portal_countries}


def country_label(code):
    """The country's name in the active language (looked up once per language and process)."""
    return _country_names(get_language()).get(code, code)
