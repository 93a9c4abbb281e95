"""The secretariat's screens: the delivery log (read-only, with "resend") and the rules it can pause."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wsis_portal.lifecycle.audit import ReadOnlyAdminMixin, record
from wsis_portal.lifecycle.models import AuditEntry

from . import registry, services
from .models import ReminderDelivery, ReminderOptOut, ReminderRule


@admin.register(ReminderDelivery)
class ReminderDeliveryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("due_at", "rule", "recipient", "language", "offset", "status", "attempts", "sent_at")
    list_filter = ("status", "rule", "language")
    search_fields = ("recipient",)
    date_hierarchy = "due_at"
    readonly_fields = [field.name for field in ReminderDelivery._meta.fields]
    actions = ["resend"]

    def has_resend_permission(self, request):
        return request.user.has_perm("reminders.change_reminderdelivery")

    @admin.action(description=_("Send the selected reminders again"), permissions=["resend"])
    def resend(self, request, queryset):
        count = services.resend(queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d reminder will be sent again by the next sweep, if it still applies.",
                "%(count)d reminders will be sent again by the next sweep, if they still apply.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(ReminderRule)
class ReminderRuleAdmin(admin.ModelAdmin):
    list_display = ("key", "kind", "offsets", "optional", "paused")
    list_filter = ("paused",)
    actions = ["pause", "unpause"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return ("key",)

    def get_queryset(self, request):
        services.sync_rules()
        return super().get_queryset(request)

    @admin.display(description=_("kind"))
    def kind(self, rule):
        found = registry.get(rule.key)
        return found.kind if found else "—"

    @admin.display(description=_("days"))
    def offsets(self, rule):
        found = registry.get(rule.key)
        return ", ".join(str(offset) for offset in found.offsets) if found else "—"

    @admin.display(description=_("can be stopped by the recipient"), boolean=True)
    def optional(self, rule):
        found = registry.get(rule.key)
        return found.optional if found else None

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "paused" in form.changed_data:
            record(request.user, AuditEntry.Action.CHANGED, obj, {"paused": (not obj.paused, obj.paused)})

    def _switch(self, request, queryset, paused):
        for rule in queryset.exclude(paused=paused):
            ReminderRule.objects.filter(pk=rule.pk).update(paused=paused)
            record(request.user, AuditEntry.Action.CHANGED, rule, {"paused": (not paused, paused)})

    @admin.action(description=_("Pause the selected rules"), permissions=["change"])
    def pause(self, request, queryset):
        self._switch(request, queryset, True)

    @admin.action(description=_("Resume the selected rules"), permissions=["change"])
    def unpause(self, request, queryset):
        self._switch(request, queryset, False)


@admin.register(ReminderOptOut)
class ReminderOptOutAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("created_at", "email", "rule")
    list_filter = ("rule",)
    search_fields = ("email",)
    readonly_fields = ("created_at", "email", "rule")
