"""Published stocktaking entries, read-only, filtered like the search page."""

from datetime import UTC

from django.conf import settings
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.pagination import PageNumberPagination
from rest_framework.routers import SimpleRouter

from . import reference, search
from .models import Entry
from .search import FACETS, SearchParams


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
        return f"{settings.PORTAL_URL.rstrip('/')}/en/stocktaking/entries/{entry.pk}/"


class EntryPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


FILTERS = [
    OpenApiParameter("q", str, description="Text, in any language; spelling variants of Arabic match."),
    OpenApiParameter("sort", str, enum=["relevance", "date"], description="Order (relevance needs q)."),
    *[
        OpenApiParameter(
            facet.name, str, many=True, description=f"Filter by {facet.name}; repeat for several."
        )
        for facet in FACETS
    ],
]


@extend_schema_view(list=extend_schema(parameters=FILTERS))
class EntryViewSet(viewsets.ReadOnlyModelViewSet):
    """Published stocktaking entries."""

    serializer_class = EntrySerializer
    pagination_class = EntryPagination
    queryset = Entry.objects.none()

    def get_queryset(self):
        related = ("action_line_links", "country_links", "regions", "sdgs", "gdc_objectives")
        if self.action == "list":
            params = SearchParams.from_query(self.request.query_params)
            return search.ordered(params).select_related("organisation").prefetch_related(*related)
        return Entry.objects.published().select_related("organisation").prefetch_related(*related)


router = SimpleRouter()
router.register("entries", EntryViewSet, basename="stocktaking-entry")
urlpatterns = router.urls
