"""The read-only REST API of the platform: WSIS reference data, the OpenAPI schema and its docs page."""

from django.http import JsonResponse
from django.urls import include, path
from django.views.defaults import page_not_found
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import serializers, viewsets
from rest_framework.routers import SimpleRouter

from wsis_portal.editions.models import ActionLine, GDCObjective, SustainableDevelopmentGoal
from wsis_portal.stakeholders.models import Region

ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}


def document_errors(result, generator, request, public):
    """Every operation may answer 404 (an unknown object, or a page past the last) and 400 (a filter value
    of the wrong form), with ``{"detail": …}`` or the fields at fault: the schema says so."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = ERROR
    schemas["InvalidFilters"] = {"type": "object", "additionalProperties": True}
    for operations in result["paths"].values():
        for operation in operations.values():
            responses = operation["responses"]
            responses.setdefault("404", _response("Not found", "Error"))
            responses.setdefault("400", _response("Invalid filter", "InvalidFilters"))
    return result


def not_found(request, exception):
    """The portal's 404: JSON under the API (a client reads ``detail``), the translated page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return page_not_found(request, exception)


def _response(description, schema):
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }


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
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
]
