"""The outbox, readable by the secretariat: what was sent to whom, and what failed and why."""

from django.contrib import admin

from wsis_portal.direction import isolated_list
from wsis_portal.lifecycle.audit import ReadOnlyAdminMixin

from .models import OutboundMail


@admin.register(OutboundMail)
class OutboundMailAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("created_at", "subject", "recipients", "language", "status", "attempts", "sent_at")
    list_filter = ("status", "language", "created_at")
    search_fields = ("subject", "to")
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in OutboundMail._meta.fields]

    @admin.display(description=OutboundMail._meta.get_field("to").verbose_name)
    def recipients(self, mail):
        return isolated_list(mail.to)
