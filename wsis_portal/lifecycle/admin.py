"""The audit log, readable by the secretariat and written only by the portal."""

from django.contrib import admin
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from .audit import ReadOnlyAdminMixin
from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("at", "actor", "action", "content_type", "object_repr")
    list_filter = ("action", "content_type", "at")
    search_fields = ("object_repr", "actor__email", "note")
    list_select_related = ("actor", "content_type")
    date_hierarchy = "at"
    readonly_fields = (
        "at",
        "actor",
        "action",
        "content_type",
        "object_id",
        "object_repr",
        "changes_table",
        "note",
    )
    fields = readonly_fields

    @admin.display(description=_("changes"))
    def changes_table(self, entry):
        if not entry.changes:
            return "—"
        return format_html_join(
            "",
            "<div><strong>{}</strong>: <bdi>{}</bdi> → <bdi>{}</bdi></div>",
            ((name, before, after) for name, (before, after) in entry.changes.items()),
        )
