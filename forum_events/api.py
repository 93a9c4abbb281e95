"""The sessions of published Forum agendas, read-only, filtered like the agenda page (``agenda``): the same
parameters, except that a value the schema does not list is refused (400) instead of ignored, so that a
client never takes the whole week for the answer to a misspelt filter. A draft agenda is never shown."""

from datetime import UTC
from types import SimpleNamespace

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.routers import SimpleRouter

from wsis_portal.api import StrictPagination
from wsis_portal.editions.cache import current_edition
from wsis_portal.editions.models import ActionLine, Edition, Format, SustainableDevelopmentGoal
from wsis_portal.editions.reference import ACTION_LINES
from wsis_portal.links import absolute_url

from .agenda import QUERY_LENGTH, AgendaParams, published_sessions
from .models import Session, SessionSpeaker, SessionType

# The editions' years the filter takes, as the stocktaking API takes them.
FIRST_YEAR, LAST_YEAR = 1990, 2100


class SessionSpeakerSerializer(serializers.ModelSerializer):
    class Meta:
        model = SessionSpeaker
        fields = ["role", "name", "title", "organisation"]


class SessionSerializer(serializers.ModelSerializer):
    edition = serializers.IntegerField(source="edition.year", help_text="The year of the Forum edition.")
    # In UTC: open data must not change with the reader's time zone.
    starts_at = serializers.DateTimeField(default_timezone=UTC, allow_null=True, read_only=True)
    ends_at = serializers.DateTimeField(default_timezone=UTC, allow_null=True, read_only=True)
    organisers = serializers.ListField(source="organiser_list", child=serializers.CharField())
    action_lines = serializers.SerializerMethodField()
    sdgs = serializers.SerializerMethodField()
    speakers = SessionSpeakerSerializer(many=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Session
        fields = [
            "id",
            "edition",
            "kind",
            "title_en",
            "title_ar",
            "description_en",
            "description_ar",
            "format",
            "day",
            "starts_at",
            "ends_at",
            "room",
            "languages",
            "is_cancelled",
            "organisers",
            "action_lines",
            "sdgs",
            "speakers",
            "url",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_action_lines(self, session):
        return [line.code for line in session.action_lines.all()]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_sdgs(self, session):
        return [goal.number for goal in session.sdgs.all()]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, session):
        with translation.override(settings.LANGUAGE_CODE):
            return absolute_url(reverse("forum_events:session", args=[session.pk]))


class SessionPagination(StrictPagination):
    """Pages of sessions (see ``StrictPagination``): a day of the Forum fits in one."""

    page_size = 100
    max_page_size = 500


class SessionFilters(serializers.Serializer):
    """The agenda page's filters, and the edition's year (the current edition when none is given)."""

    year = serializers.IntegerField(
        required=False,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        help_text="The edition's year (the current edition when none is given). No session is listed while "
        "its agenda is a draft.",
    )
    day = serializers.DateField(required=False, help_text="A day of the Forum week.")
    kind = serializers.ChoiceField(SessionType.choices, required=False, help_text="The type of session.")
    # From the reference data every database is given by its migrations: the schema is made without one.
    action_line = serializers.ChoiceField(
        [(code, f"{code} {name}") for code, name, _arabic in ACTION_LINES],
        required=False,
        help_text="An action line the session is about.",
    )
    format = serializers.ChoiceField(Format.choices, required=False, help_text="In person, online or hybrid.")
    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=QUERY_LENGTH,
        help_text="Words of the title, the description or a speaker's name, in English or Arabic: "
        "case, accents and Arabic spelling variants do not matter.",
    )

    @classmethod
    def of(cls, query):
        """The filters of a QueryDict; a parameter given twice counts by the last, as on the page."""
        return cls(data={name: query[name] for name in query})

    def selection(self):
        """The edition asked for (None when there is none) and the filters as ``AgendaParams``."""
        if not self.is_valid():
            raise ValidationError({name: list(errors) for name, errors in self.errors.items()})
        data = self.validated_data
        year = data.get("year")
        edition = current_edition() if year is None else Edition.objects.filter(year=year).first()
        params = AgendaParams(
            day=data.get("day"),
            kind=data.get("kind", ""),
            action_line=data.get("action_line", ""),
            format=data.get("format", ""),
            q=" ".join(data.get("q", "").split()),
        )
        return edition, params


class FormatIsAFilter(DefaultContentNegotiation):
    """``format`` filters the sessions here (in person, online or hybrid), as on the agenda page: it never
    chooses DRF's renderer, and there is only JSON."""

    settings = SimpleNamespace(URL_FORMAT_OVERRIDE=None)


@extend_schema_view(list=extend_schema(parameters=[SessionFilters]))
class SessionViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The sessions of a published Forum agenda, by day and start, unscheduled ones last."""

    serializer_class = SessionSerializer
    pagination_class = SessionPagination
    content_negotiation_class = FormatIsAFilter
    queryset = Session.objects.none()

    def get_queryset(self):
        edition, params = SessionFilters.of(self.request.query_params).selection()
        if edition is None:
            return Session.objects.none()
        return (
            published_sessions(edition, params)
            .select_related("edition")
            .prefetch_related(
                Prefetch("action_lines", queryset=ActionLine.objects.order_by("position", "code")),
                Prefetch("sdgs", queryset=SustainableDevelopmentGoal.objects.order_by("number")),
                Prefetch(
                    "speakers",
                    queryset=SessionSpeaker.objects.only(
                        "session_id", "role", "position", "name", "title", "organisation"
                    ),
                ),
            )
        )


router = SimpleRouter()
router.register("sessions", SessionViewSet, basename="forum-session")
urlpatterns = router.urls
