"""The read-only REST API of the platform: WSIS reference data, the pagination every list shares, the OpenAPI
schema and its docs page; each process adds its own part (``stocktaking.api``, ``forum_events.api``)."""

from django.http import JsonResponse
from django.urls import include, path
from django.utils.translation import ngettext
from django.views.defaults import page_not_found
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ErrorDetail, NotFound, Throttled, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.routers import SimpleRouter
from rest_framework.views import exception_handler

from wsis_portal.editions.models import ActionLine, GDCObjective, SustainableDevelopmentGoal
from wsis_portal.stakeholders.models import Region

ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
# A parameter at fault → its messages, in the reader's language.
INVALID_PARAMETERS = {
    "type": "object",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}
RETRY_AFTER = {
    "description": "The seconds to wait before the next request is answered.",
    "schema": {"type": "integer", "minimum": 0},
}


def document_errors(result, generator, request, public):
    """Every operation may answer 400 (a parameter outside what the schema allows), 404 (an unknown
    object, or a page past the last) and 429 (too many requests from one client, with Retry-After): the
    schema says so, with the body of each."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = ERROR
    schemas["InvalidParameters"] = INVALID_PARAMETERS
    for operations in result["paths"].values():
        for operation in operations.values():
            responses = operation["responses"]
            responses.setdefault("400", _response("Invalid parameters", "InvalidParameters"))
            responses.setdefault("404", _response("Not found", "Error"))
            responses.setdefault(
                "429", {**_response("Too many requests", "Error"), "headers": {"Retry-After": RETRY_AFTER}}
            )
    return result


def handle_exception(exc, context):
    """DRF's answer to an error, except that a client over the rate is told how long to wait in the
    reader's language with its plural forms (DRF's message chooses between English's two)."""
    if isinstance(exc, Throttled) and exc.wait:
        message = ngettext(
            "Too many requests: try again in %(seconds)d second.",
            "Too many requests: try again in %(seconds)d seconds.",
            exc.wait,
        )
        exc.detail = ErrorDetail(message % {"seconds": exc.wait}, code=exc.default_code)
    return exception_handler(exc, context)


def not_found(request, exception):
    """The portal's 404: JSON under the API (a client reads ``detail``), the translated page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": str(NotFound.default_detail)}, status=404)
    return page_not_found(request, exception)


def _response(description, schema):
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }


class StrictPagination(PageNumberPagination):
    """Pages of a list. A page or a page size that is not a whole number from 1 is refused (400), as the
    schema says, instead of being read as the first page or the default size; a page past the last is not
    found (404). A page size above the maximum is cut to it."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    # "last" is not a number, and the schema says a page is one.
    last_page_strings = ()

    def get_page_size(self, request):
        return min(_positive_number(request, self.page_size_query_param, self.page_size), self.max_page_size)

    def get_page_number(self, request, paginator):
        return _positive_number(request, self.page_query_param, 1)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
        return parameters


def _positive_number(request, name, default):
    if name not in request.query_params:
        return default
    try:
        return serializers.IntegerField(min_value=1).run_validation(request.query_params[name])
    except ValidationError as error:
        raise ValidationError({name: error.detail}) from None


class ActionLineSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = ActionLine
        fields = ["code", "name_en", "name_ar", "parent"]


class SustainableDevelopmentGoalSerializer(serializers.ModelSerializer):
    class Meta:
        model = SustainableDevelopmentGoal
        fields = ["number", "name_en", "name_ar"]


class GDCObjectiveSerializer(serializers.ModelSerializer):
    class Meta:
        model = GDCObjective
        fields = ["number", "name_en", "name_ar"]


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["code", "name_en", "name_ar"]


class ReferenceViewSet(viewsets.ReadOnlyModelViewSet):
    """Reference data is small: one page holds it all."""

    pagination_class = None


class ActionLineViewSet(ReferenceViewSet):
    """The WSIS Action Lines C1–C11 and C7's eight e-applications."""

    queryset = ActionLine.objects.select_related("parent").order_by("position")
    serializer_class = ActionLineSerializer
    lookup_field = "code"
    # The router's default refuses dots, and the e-applications are C7.1 to C7.8.
    lookup_value_regex = "[^/]+"


class SustainableDevelopmentGoalViewSet(ReferenceViewSet):
    """The 17 Sustainable Development Goals."""

    queryset = SustainableDevelopmentGoal.objects.order_by("number")
    serializer_class = SustainableDevelopmentGoalSerializer
    lookup_field = "number"


class GDCObjectiveViewSet(ReferenceViewSet):
    """The objectives of the Global Digital Compact."""

    queryset = GDCObjective.objects.order_by("number")
    serializer_class = GDCObjectiveSerializer
    lookup_field = "number"


class RegionViewSet(ReferenceViewSet):
    """The six ITU regions."""

    queryset = Region.objects.order_by("position")
    serializer_class = RegionSerializer
    lookup_field = "code"


router = SimpleRouter()
router.register("action-lines", ActionLineViewSet)
router.register("sdgs", SustainableDevelopmentGoalViewSet)
router.register("gdc-objectives", GDCObjectiveViewSet)
router.register("regions", RegionViewSet)

urlpatterns = [
    path("reference/", include(router.urls)),
    path("stocktaking/", include("stocktaking.api")),
    path("forum/", include("forum_events.api")),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
]
