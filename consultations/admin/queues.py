"""The three review queues: contributions (with the synthesis page), workshop requests (with their
proposed speakers and the merge) and facilitator nominations (with the nominee's consent)."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from wsis_portal.direction import isolated_list
from wsis_portal.lifecycle.admin import FiledWithoutFocalPointFilter
from wsis_portal.lifecycle.audit import ReadOnlyAdminMixin

from .. import exports
from ..models import Contribution, FacilitatorNomination, Speaker, WorkshopRequest
from .filters import (
    ActionLineFilter,
    CountryFilter,
    EditionFilter,
    RegionFilter,
    StakeholderTypeFilter,
    StateFilter,
    TopicFilter,
)
from .review import MergeForm, SubmissionAdmin, WorkshopReviewForm, user_text
from .synthesis_page import SynthesisPageMixin


@admin.register(Contribution)
class ContributionAdmin(SynthesisPageMixin, SubmissionAdmin):
    table = exports.CONTRIBUTIONS
    list_display = (
        "reference_code",
        "title_text",
        "organisation",
        "stakeholder_type",
        "state",
        "submitted_at",
    )
    list_display_links = ("reference_code", "title_text")
    list_filter = (
        StateFilter,
        "kind",
        StakeholderTypeFilter,
        TopicFilter,
        ActionLineFilter,
        CountryFilter,
        RegionFilter,
        EditionFilter,
        FiledWithoutFocalPointFilter,
    )
    search_fields = ("reference", "title", "text", "organisation__name", "owner__email")
    readonly_fields = ("title_text", "text_block")
    fieldsets = (
        (None, {"fields": ("reference", "state", "consultation", "kind", "language")}),
        (_("Contribution"), {"fields": ("title_text", "text_block", "topics", "action_lines")}),
        (_("Sent by"), {"fields": SubmissionAdmin.origin_fields}),
        (_("Review"), {"fields": SubmissionAdmin.review_fields}),
    )

    @admin.display(description=_("contribution"))
    def text_block(self, item):
        return user_text(item, item.text, block=True)


class SpeakerInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Speaker
    extra = 0
    fields = ("name", "organisation", "gender", "stakeholder_type", "country")
    can_delete = False


@admin.register(WorkshopRequest)
class WorkshopRequestAdmin(SubmissionAdmin):
    table = exports.WORKSHOPS
    list_display = (
        "reference_code",
        "title_text",
        "organisation",
        "stakeholder_type",
        "format",
        "state",
        "submitted_at",
    )
    list_display_links = ("reference_code", "title_text")
    list_filter = (
        StateFilter,
        "format",
        StakeholderTypeFilter,
        ActionLineFilter,
        CountryFilter,
        RegionFilter,
        EditionFilter,
        FiledWithoutFocalPointFilter,
    )
    search_fields = ("reference", "title", "description", "organisers", "organisation__name", "owner__email")
    actions = (*SubmissionAdmin.actions, "merge_selected")
    review_actions = (*SubmissionAdmin.review_actions, "merge_selected")
    review_form_class = WorkshopReviewForm
    inlines = [SpeakerInline]
    readonly_fields = (
        "title_text",
        "description_block",
        "organisers_block",
        "session_language_list",
        "hybrid_needs_block",
        "merged_requests",
    )
    fieldsets = (
        (None, {"fields": ("reference", "state", "consultation", "language")}),
        (
            _("Workshop"),
            {
                "fields": (
                    "title_text",
                    "description_block",
                    "format",
                    "organisers_block",
                    "action_lines",
                    "sdgs",
                    "session_language_list",
                    "preferred_day",
                    "hybrid_needs_block",
                )
            },
        ),
        (_("Sent by"), {"fields": SubmissionAdmin.origin_fields}),
        (
            _("Review"),
            {"fields": (*SubmissionAdmin.review_fields, "merged_into", "merged_requests", "session")},
        ),
    )

    @admin.display(description=_("description"))
    def description_block(self, item):
        return user_text(item, item.description, block=True)

    @admin.display(description=_("organizers"))
    def organisers_block(self, item):
        return user_text(item, item.organisers, block=True)

    @admin.display(description=_("needs for remote participation"))
    def hybrid_needs_block(self, item):
        return user_text(item, item.hybrid_needs, block=True) if item.hybrid_needs else "—"

    @admin.display(description=_("languages of the session"))
    def session_language_list(self, item):
        return isolated_list(item.session_language_names) or "—"

    @admin.display(description=_("requests merged into this one"))
    def merged_requests(self, item):
        merged = item.merged_requests.order_by("reference")
        if not merged:
            return "—"
        return format_html_join(
            ", ",
            '<a href="{}"><bdi>{}</bdi></a>',
            (
                (reverse("admin:consultations_workshoprequest_change", args=[r.pk]), r.reference)
                for r in merged
            ),
        )

    @admin.action(description=_("Merge the selected requests into another"))
    def merge_selected(self, request, queryset):
        return self.decide_after_asking(
            request,
            queryset,
            "merge",
            _("Merge into another request"),
            form_class=MergeForm,
            explanation=_(
                "Each selected request is closed as merged into the request you choose, whose organizers "
                "it joins; its submitter is told by e-mail."
            ),
        )


@admin.register(FacilitatorNomination)
class FacilitatorNominationAdmin(SubmissionAdmin):
    table = exports.NOMINATIONS
    list_display = (
        "reference_code",
        "nominee",
        "nominee_group",
        "organisation",
        "stakeholder_type",
        "consent",
        "state",
        "submitted_at",
    )
    list_display_links = ("reference_code", "nominee")
    list_filter = (
        StateFilter,
        "consent",
        "nominee_group",
        StakeholderTypeFilter,
        CountryFilter,
        RegionFilter,
        EditionFilter,
        FiledWithoutFocalPointFilter,
    )
    search_fields = (
        "reference",
        "nominee_name",
        "nominee_email",
        "nominee_organisation",
        "biography",
        "organisation__name",
        "owner__email",
    )
    readonly_fields = ("nominee", "biography_block")
    fieldsets = (
        (None, {"fields": ("reference", "state", "consultation", "language")}),
        (
            _("Nominee"),
            {
                "fields": (
                    "nominee_group",
                    "nominee",
                    "nominee_email",
                    "nominee_organisation",
                    "biography_block",
                    "consent",
                    "consent_at",
                )
            },
        ),
        (_("Nominated by"), {"fields": SubmissionAdmin.origin_fields}),
        (_("Review"), {"fields": SubmissionAdmin.review_fields}),
    )

    @admin.display(description=_("nominee's name"), ordering="nominee_name")
    def nominee(self, item):
        return user_text(item, item.nominee_name)

    @admin.display(description=_("short biography"))
    def biography_block(self, item):
        return user_text(item, item.biography, block=True)
