"""The secretariat's screens of the WSIS Prizes: the cycles and their rules, and the submissions by cycle,
category and state, read-only (a project is the submitter's, and changes state only through the
services), searchable and exported as CSV or XLSX."""

from django.contrib import admin
from django.db.models import F
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from wsis_portal.admin_exports import ExportFilteredListMixin, export_actions
from wsis_portal.direction import isolated_list
from wsis_portal.lifecycle.admin import FiledWithoutFocalPointFilter
from wsis_portal.lifecycle.audit import AuditedModelAdmin, ReadOnlyAdminMixin
from wsis_portal.lifecycle.models import AuditEntry

from .. import exports
from ..forms import PrizeCycleForm
from ..models import PrizeCategory, PrizeCycle, Submission
from .review import choose_winner, decide_permission, make_nominees


@admin.register(PrizeCycle)
class PrizeCycleAdmin(AuditedModelAdmin):
    # Refused while the edition lacks a phase the cycle needs (submission, nomination, voting, selection).
    form = PrizeCycleForm
    list_display = (
        "__str__",
        "short_description_min_words",
        "short_description_max_words",
        "project_languages",
    )
    list_select_related = ("edition",)
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "edition",
                    "introduction_en",
                    "introduction_ar",
                    "short_description_min_words",
                    "short_description_max_words",
                    "content_languages",
                )
            },
        ),
        (_("Expert review"), {"fields": ("criteria_weights",)}),
        (
            _("Public vote"),
            {
                "fields": (
                    "champions_per_category",
                    "network_vote_limit",
                    "burst_window_minutes",
                    "burst_account_limit",
                )
            },
        ),
        (
            _("Publication"),
            {"fields": ("nominees_published_at", "champions_published_at", "winners_published_at")},
        ),
    )
    # Published by the services (the review overview and the vote counts), never typed.
    readonly_fields = ("nominees_published_at", "champions_published_at", "winners_published_at")

    @admin.display(description=PrizeCycle._meta.get_field("content_languages").verbose_name)
    def project_languages(self, cycle):
        return isolated_list(cycle.language_names)


@admin.register(PrizeCategory)
class PrizeCategoryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("__str__", "position")
    list_select_related = ("action_line",)


class CycleFilter(admin.SimpleListFilter):
    title = _("prize cycle")
    parameter_name = "cycle"

    def lookups(self, request, model_admin):
        cycles = PrizeCycle.objects.select_related("edition").order_by("-edition__year")
        return [(str(cycle.edition.year), str(cycle)) for cycle in cycles]

    def queryset(self, request, queryset):
        return queryset.filter(cycle__edition__year=self.value()) if self.value() else queryset


class CategoryFilter(admin.SimpleListFilter):
    title = _("category")
    parameter_name = "category"

    def lookups(self, request, model_admin):
        return [(c.action_line.code, str(c)) for c in PrizeCategory.objects.select_related("action_line")]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        if "\x00" in self.value():  # no code has one, and PostgreSQL refuses it in a query
            return queryset.none()
        return queryset.filter(category__action_line__code=self.value())


def user_text(submission, value, block=False):
    """Text a submitter wrote, in its language and direction."""
    language = submission.language if submission.language != "other" else ""
    tag = "div" if block else "span"
    return format_html('<{} dir="auto" lang="{}">{}</{}>', tag, language, value, tag)


@admin.register(Submission)
class SubmissionAdmin(ExportFilteredListMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = (
        "reference_code",
        "title_text",
        "category_code",
        "organisation",
        "kind",
        "confirmation",
        "state",
        "submitted_at",
    )
    list_display_links = ("reference_code", "title_text")
    list_filter = (
        CycleFilter,
        CategoryFilter,
        "state",
        "kind",
        "confirmation",
        "project_status",
        FiledWithoutFocalPointFilter,
    )
    list_select_related = ("organisation", "category__action_line")
    search_fields = ("reference", "title", "organisation__name", "owner__email", "contact_email")
    ordering = (F("submitted_at").desc(nulls_last=True), "-pk")
    list_per_page = 50
    view_on_site = False
    actions = (
        *export_actions(
            _("Export the selected submissions as CSV"), _("Export the selected submissions as XLSX")
        ),
        make_nominees,
        choose_winner,
    )
    export_columns = exports.COLUMNS
    export_filename = "wsis-prizes-submissions"
    export_sheet = "submissions"
    has_decide_permission = decide_permission
    change_list_template = "admin/prizes/submission/change_list.html"
    readonly_fields = ("title_text", "audit_trail")
    fieldsets = (
        (None, {"fields": ("reference", "state", "cycle", "category", "kind", "language")}),
        (
            _("Project"),
            {
                "fields": (
                    "title_text",
                    "short_description",
                    "description",
                    "sdgs",
                    "gdc_objectives",
                    "impact_qualitative",
                    "impact_quantitative",
                    "partnerships",
                    "challenges",
                    "future_plans",
                    "project_status",
                    "website",
                    "stocktaking_entry",
                )
            },
        ),
        (_("Sent by"), {"fields": ("owner", "organisation", "submitted_at")}),
        (
            _("Nomination"),
            {
                "fields": (
                    "contact_name",
                    "contact_email",
                    "confirmation",
                    "confirmation_sent_at",
                    "confirmed_at",
                )
            },
        ),
        (_("Audit log"), {"fields": ("audit_trail",)}),
    )

    @admin.display(description=_("reference"), ordering="reference")
    def reference_code(self, submission):
        return (
            format_html('<bdi class="nowrap">{}</bdi>', submission.reference) if submission.reference else "—"
        )

    @admin.display(description=_("title"), ordering="title")
    def title_text(self, submission):
        return user_text(submission, submission.title)

    @admin.display(description=_("category"), ordering="category__position")
    def category_code(self, submission):
        return format_html("<bdi>{}</bdi>", submission.category.action_line.code)

    @admin.display(description=_("audit log"))
    def audit_trail(self, submission):
        entries = AuditEntry.objects.filter(
            content_type__app_label="prizes", content_type__model="submission", object_id=str(submission.pk)
        ).select_related("actor")
        items = format_html_join(
            "",
            "<li><bdi>{}</bdi> {} {}</li>",
            ((entry.at, entry.get_action_display(), entry.actor or "") for entry in entries),
        )
        return format_html("<ul>{}</ul>", items) if items else "—"

    def export_rows(self, queryset):
        return exports.rows(queryset)
