"""The secretariat's review of stocktaking entries: filters, search, review of one entry or many, exports
of the filtered list and the import of legacy entries."""

import csv
import io

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wsis_portal.admin_exports import ExportListMixin, export_actions
from wsis_portal.lifecycle.admin import CommentForm, FiledWithoutFocalPointFilter, ReviewAdminMixin
from wsis_portal.lifecycle.audit import ReadOnlyAdminMixin
from wsis_portal.stakeholders.countries import collation_key, portal_countries
from wsis_portal.textsearch import query as textquery

from . import exports, imports, reference, services
from .forms import ReviewForm
from .models import Entry, EntryActionLine, EntryCountry

ADMIN_COLUMNS = ("state", *exports.COLUMNS)


class LinkFilter(admin.SimpleListFilter):
    """Filter entries by one of their tags, stored in a link table."""

    link = None
    column = None

    def choices_for(self):
        raise NotImplementedError

    def lookups(self, request, model_admin):
        return [(choice.value, choice.label) for choice in self.choices_for()]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        chosen = reference.by_value(self.choices_for()).get(self.value())
        if chosen is None:
            return queryset.none()
        linked = self.link.objects.filter(entry_id=OuterRef("pk"), **{self.column: chosen.pk})
        return queryset.filter(Exists(linked))


class ActionLineFilter(LinkFilter):
    title = _("action line")
    parameter_name = "action_line"
    link, column = EntryActionLine, "action_line_id"

    def choices_for(self):
        return reference.action_lines()


class SDGFilter(LinkFilter):
    title = _("Sustainable Development Goal")
    parameter_name = "sdg"
    link, column = Entry.sdgs.through, "sustainabledevelopmentgoal_id"

    def choices_for(self):
        return reference.sdgs()


class RegionFilter(LinkFilter):
    title = _("region")
    parameter_name = "region"
    link, column = Entry.regions.through, "region_id"

    def choices_for(self):
        return reference.regions()


class CountryFilter(admin.SimpleListFilter):
    title = _("country")
    parameter_name = "country"

    def lookups(self, request, model_admin):
        codes = EntryCountry.objects.values_list("country", flat=True).distinct()
        named = ((code, portal_countries.name(code)) for code in codes)
        return sorted(named, key=lambda pair: collation_key(pair[1]))

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        return queryset.filter(
            Exists(EntryCountry.objects.filter(entry_id=OuterRef("pk"), country=self.value()))
        )


class EntryCommentForm(CommentForm):
    required_message = _("Write what should change, or why the entries are not accepted.")


@admin.register(Entry)
class EntryAdmin(ExportListMixin, ReviewAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("reference", "title", "organisation", "state", "is_revision_flag", "submitted_at")
    list_filter = (
        "state",
        ActionLineFilter,
        SDGFilter,
        CountryFilter,
        RegionFilter,
        "stakeholder_type",
        "year",
        "kind",
        FiledWithoutFocalPointFilter,
    )
    list_select_related = ("organisation",)
    # Searched through the entries' search terms (get_search_results), so words find their spelling
    # variants and the GIN index serves 200,000 entries; references, legacy ids and e-mails exactly.
    search_fields = ("reference",)
    date_hierarchy = "submitted_at"
    actions = (
        "approve_selected",
        "return_selected",
        "reject_selected",
        *export_actions(_("Export the selected entries as CSV"), _("Export the selected entries as XLSX")),
    )
    change_form_template = "admin/stocktaking/entry/change_form.html"
    change_list_template = "admin/stocktaking/entry/change_list.html"
    list_per_page = 50
    review_actions = ("approve_selected", "return_selected", "reject_selected")
    review_form_class = ReviewForm
    comment_form_class = EntryCommentForm
    export_columns = ADMIN_COLUMNS
    export_filename = "wsis-stocktaking-review"
    export_sheet = "entries"

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        if not term:
            return queryset, False
        words = textquery.match(Entry.objects.all(), term).values("pk")
        exact = Q(reference__iexact=term) | Q(external_id=term) | Q(owner__email__iexact=term)
        return queryset.filter(exact | Q(pk__in=words)), False

    def has_change_permission(self, request, obj=None):
        # Reviewing uses the change permission; the content itself stays the submitter's.
        return False

    def has_review_permission(self, request):
        return services.may_review(request.user)

    @admin.display(description=_("revision"), boolean=True)
    def is_revision_flag(self, entry):
        return entry.is_revision

    def apply(self, entry, decision, by, comment=""):
        if decision == "approve":
            services.approve(entry, by)
        elif decision == "return":
            services.return_for_changes(entry, by, comment)
        else:
            services.reject(entry, by, comment)

    def decided_message(self, count):
        return ngettext("%(count)d entry done.", "%(count)d entries done.", count) % {"count": count}

    def after_review_url(self, entry):
        # Approving a revision applies it to the published entry and deletes the revision.
        target = Entry.objects.filter(pk=entry.pk).first() or entry.revision_of
        if target is None:
            return reverse("admin:stocktaking_entry_changelist")
        return reverse("admin:stocktaking_entry_change", args=[target.pk])

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path("import/", self.admin_site.admin_view(self.import_view), name=f"{info[0]}_{info[1]}_import"),
            *super().get_urls(),
        ]

    def change_page_context(self, request, entry):
        return {"published": entry.revision_of if entry else None}

    @admin.action(description=_("Approve and publish the selected entries"))
    def approve_selected(self, request, queryset):
        self.decide(request, queryset, "approve")

    @admin.action(description=_("Return the selected entries for changes"))
    def return_selected(self, request, queryset):
        return self.decide_after_asking(request, queryset, "return", _("Return for changes"))

    @admin.action(description=_("Reject the selected entries"))
    def reject_selected(self, request, queryset):
        return self.decide_after_asking(request, queryset, "reject", _("Reject"))

    def export_rows(self, queryset):
        return ([row[column] for column in ADMIN_COLUMNS] for row in exports.rows(queryset))

    def import_view(self, request):
        if not request.user.has_perm("stocktaking.add_entry"):
            raise PermissionDenied
        report = None
        if request.method == "POST" and request.FILES.get("file"):
            text = io.TextIOWrapper(request.FILES["file"], encoding="utf-8-sig", newline="")
            try:
                report = imports.import_csv(csv.DictReader(text), by=request.user)
            except UnicodeDecodeError:  # met while checking the rows, so before anything is imported
                self.message_user(
                    request,
                    _("The file is not UTF-8 text: save it as “CSV UTF-8” and try again."),
                    messages.ERROR,
                )
        return render(
            request,
            "admin/stocktaking/entry/import.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Import legacy entries"),
                "report": report,
                "opts": self.opts,
                "columns": imports.COLUMNS,
            },
        )
