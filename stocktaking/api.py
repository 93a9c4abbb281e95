"""Published stocktaking entries, read-only, filtered like the search page."""

from datetime import UTC

from django.http import QueryDict
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.routers import SimpleRouter

from wsis_portal.api import StrictPagination
from wsis_portal.editions.reference import ACTION_LINES, GDC_OBJECTIVES, SDGS
from wsis_portal.links import absolute_url
from wsis_portal.stakeholders.countries import country_choices
from wsis_portal.stakeholders.models import StakeholderType
from wsis_portal.stakeholders.regions import REGIONS

from . import reference, search
from .models import Entry
from .search import FACETS, FACETS_BY_NAME, SearchParams

# As many values of one facet as the search reads (``SearchParams.from_query``).
MAX_FACET_VALUES = 50
# The years the search takes (``Facet.parse``).
FIRST_YEAR, LAST_YEAR = 1990, 2100


class EntrySerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.name", default="")
    action_lines = serializers.SerializerMethodField()
    main_action_line = serializers.SerializerMethodField()
    countries = serializers.SerializerMethodField()
    regions = serializers.SerializerMethodField()
    sdgs = serializers.SerializerMethodField()
    gdc_objectives = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    # In UTC, as in the CSV and JSON exports: open data must not change with the reader's time zone.
    published_at = serializers.DateTimeField(default_timezone=UTC, allow_null=True, read_only=True)

    class Meta:
        model = Entry
        fields = [
            "id",
            "reference",
            "title",
            "description",
            "language",
            "kind",
            "work_status",
            "organisation",
            "stakeholder_type",
            "is_global",
            "regions",
            "countries",
            "action_lines",
            "main_action_line",
            "sdgs",
            "gdc_objectives",
            "start_date",
            "end_date",
            "website",
            "year",
            "published_at",
            "url",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_action_lines(self, entry):
        codes = reference.by_pk(reference.action_lines())
        # In the order of the Plan of Action, as in the exports, whatever order they were stored in.
        links = sorted(entry.action_line_links.all(), key=lambda link: link.action_line_id)
        return [codes[link.action_line_id].value for link in links]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_main_action_line(self, entry):
        codes = reference.by_pk(reference.action_lines())
        return next(
            (codes[link.action_line_id].value for link in entry.action_line_links.all() if link.is_main), None
        )

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_countries(self, entry):
        return sorted(link.country.code for link in entry.country_links.all())

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_regions(self, entry):
        return [region.code for region in entry.regions.all()]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_sdgs(self, entry):
        return [goal.number for goal in entry.sdgs.all()]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_gdc_objectives(self, entry):
        return [objective.number for objective in entry.gdc_objectives.all()]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, entry):
        return absolute_url(f"/en/stocktaking/entries/{entry.pk}/")


class EntryPagination(StrictPagination):
    """Pages of entries (see ``StrictPagination``)."""

    page_size = 50
    max_page_size = 200


# The values of each facet, from the reference data every database is given by its migrations: the
# schema must be generated without a database (``manage.py check --deploy`` does).
FACET_CHOICES = {
    "action_line": [(code, f"{code} {name}") for code, name, _arabic in ACTION_LINES],
    "sdg": [(number, f"{number}. {name}") for number, name, _arabic in SDGS],
    "gdc": [(number, f"{number}. {name}") for number, name, _arabic in GDC_OBJECTIVES],
    "region": [(code, name) for code, name, _arabic in REGIONS],
    "stakeholder_type": StakeholderType.choices,
    "kind": Entry.Kind.choices,
}


def _facet_value(facet):
    """A field taking one value of ``facet`` as the URL names it: one of the values the search knows."""
    if facet.name == "year":
        return serializers.IntegerField(min_value=FIRST_YEAR, max_value=LAST_YEAR)
    if facet.name == "country":
        return serializers.ChoiceField(sorted(country_choices()))
    return serializers.ChoiceField(FACET_CHOICES[facet.name])


class EntryFilters(serializers.Serializer):
    """The filters of the list, read as the search page reads them, except that a value the schema does
    not list is refused (400) instead of dropped: a client must never take every entry for the answer to
    a misspelt filter."""

    q = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="Text, in any language; spelling variants of Arabic match.",
    )
    sort = serializers.ChoiceField(
        ["relevance", "date"], required=False, help_text="Order (relevance needs q)."
    )

    def get_fields(self):
        fields = super().get_fields()
        for facet in FACETS:
            fields[facet.name] = serializers.ListField(
                child=_facet_value(facet),
                required=False,
                max_length=MAX_FACET_VALUES,
                help_text=f"Filter by {facet.name}; repeat for several.",
            )
        return fields

    @classmethod
    def of(cls, query):
        """The filters of a QueryDict. An empty value is a value (refused where the schema lists the
        values), not an absent parameter; a parameter given twice that takes one value counts by the last,
        as on the search page."""
        return cls(
            data={name: query.getlist(name) if name in FACETS_BY_NAME else query[name] for name in query}
        )

    def search_params(self):
        """The valid filters as ``SearchParams``, their values written as the search page reads them."""
        if not self.is_valid():
            raise ValidationError({name: _messages(errors) for name, errors in self.errors.items()})
        query = QueryDict(mutable=True)
        for name, value in self.validated_data.items():
            query.setlist(name, [str(item) for item in value] if isinstance(value, list) else [value])
        return SearchParams.from_query(query)


def _messages(errors):
    """The messages of one parameter in a flat list (a repeated parameter's are keyed by position)."""
    if isinstance(errors, dict):
        return [message for nested in errors.values() for message in _messages(nested)]
    return list(errors)


@extend_schema_view(list=extend_schema(parameters=[EntryFilters]))
class EntryViewSet(viewsets.ReadOnlyModelViewSet):
    """Published stocktaking entries."""

    serializer_class = EntrySerializer
    pagination_class = EntryPagination
    queryset = Entry.objects.none()

    def get_queryset(self):
        related = ("action_line_links", "country_links", "regions", "sdgs", "gdc_objectives")
        if self.action == "list":
            params = EntryFilters.of(self.request.query_params).search_params()
            return search.ordered(params).select_related("organisation").prefetch_related(*related)
        return Entry.objects.published().select_related("organisation").prefetch_related(*related)


router = SimpleRouter()
router.register("entries", EntryViewSet, basename="stocktaking-entry")
urlpatterns = router.urls
