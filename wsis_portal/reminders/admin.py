"""The secretariat's screens: the delivery log (read-only, with "resend"), the rules it can pause, what
they have scheduled, and "send the due reminders now"."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from wsis_portal.direction import code, isolated_list
from wsis_portal.languages import language_name
from wsis_portal.lifecycle.audit import ReadOnlyAdminMixin, record
from wsis_portal.lifecycle.models import AuditEntry

from . import registry, schedule, services
from .models import ReminderDelivery, ReminderOptOut, ReminderRule


@admin.register(ReminderDelivery)
class ReminderDeliveryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("due_at", "rule_key", "recipient", "language", "offset", "status", "attempts", "sent_at")
    list_filter = ("status", "rule", "language")
    search_fields = ("recipient",)
    date_hierarchy = "due_at"
    readonly_fields = [field.name for field in ReminderDelivery._meta.fields]
    actions = ["resend"]

    @admin.display(description=_("rule"), ordering="rule")
    def rule_key(self, delivery):
        return code(delivery.rule)

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
    list_display = ("rule_key", "kind", "offsets", "optional", "paused")
    list_filter = ("paused",)
    actions = ["pause", "unpause"]
    # Reminders listed per rule on the scheduled page; the count says how many more there are.
    SHOWN_PER_RULE = 100

    def has_add_permission(self, request):
        return False

    def get_urls(self):
        return [
            path(
                "scheduled/",
                self.admin_site.admin_view(self.scheduled_view),
                name="reminders_reminderrule_scheduled",
            ),
            path(
                "send-due/",
                self.admin_site.admin_view(require_POST(self.send_due_view)),
                name="reminders_reminderrule_send_due",
            ),
            *super().get_urls(),
        ]

    def scheduled_view(self, request):
        """Each rule's reminders: those the next sweep sends, then the next one coming for each candidate."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        rules = []
        for rule, paused, entries in schedule.scheduled():
            shown = [
                {
                    "entry": entry,
                    "language": language_name(entry.language),
                    "when": services.shown_deadline(entry.due_at)["geneva"],
                    "subject": services.subject_of(entry.rule, entry.item, entry.language, entry.context),
                }
                for entry in entries[: self.SHOWN_PER_RULE]
            ]
            due = sum(entry.is_due for entry in entries)
            rules.append({"rule": rule, "paused": paused, "shown": shown, "due": due, "total": len(entries)})
        context = {
            **self.admin_site.each_context(request),
            "title": _("Scheduled reminders"),
            "opts": self.opts,
            "rules": rules,
            "due": sum(each["due"] for each in rules),
            "can_send": self.has_change_permission(request),
        }
        return TemplateResponse(request, "admin/reminders/reminderrule/scheduled.html", context)

    def send_due_view(self, request):
        """Runs the sweep now, as beat would: what is due is sent once, whoever else sweeps at once."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        counts = services.sweep()
        self.message_user(
            request,
            ngettext("%(count)d due reminder was sent.", "%(count)d due reminders were sent.", counts["sent"])
            % {"count": counts["sent"]},
            messages.SUCCESS,
        )
        if counts["failed"]:
            self.message_user(
                request,
                ngettext(
                    "%(count)d reminder could not be written: see the delivery log.",
                    "%(count)d reminders could not be written: see the delivery log.",
                    counts["failed"],
                )
                % {"count": counts["failed"]},
                messages.ERROR,
            )
        return redirect("admin:reminders_reminderrule_scheduled")

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return ("key",)

    def get_queryset(self, request):
        services.sync_rules()
        return super().get_queryset(request)

    @admin.display(description=_("rule"), ordering="key")
    def rule_key(self, rule):
        return code(rule.key)

    @admin.display(description=_("kind"))
    def kind(self, rule):
        found = registry.get(rule.key)
        return found.kind if found else "—"

    @admin.display(description=_("days"))
    def offsets(self, rule):
        found = registry.get(rule.key)
        return isolated_list(found.offsets) if found else "—"

    @admin.display(description=_("can be stopped by the recipient"), boolean=True)
    def optional(self, rule):
        found = registry.get(rule.key)
        return found.optional if found else None

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "paused" in form.changed_data:
            record(request.user, AuditEntry.Action.CHANGED, obj, {"paused": (not obj.paused, obj.paused)})

    def _switch(self, request, queryset, paused):
        switched = 0
        for rule in queryset.exclude(paused=paused):
            ReminderRule.objects.filter(pk=rule.pk).update(paused=paused)
            record(request.user, AuditEntry.Action.CHANGED, rule, {"paused": (not paused, paused)})
            switched += 1
        if paused:
            message = ngettext(
                "%(count)d rule paused: the sweep sends none of its reminders until it is resumed.",
                "%(count)d rules paused: the sweep sends none of their reminders until they are resumed.",
                switched,
            )
        else:
            message = ngettext(
                "%(count)d rule resumed: its due reminders go with the next sweep.",
                "%(count)d rules resumed: their due reminders go with the next sweep.",
                switched,
            )
        self.message_user(request, message % {"count": switched}, messages.SUCCESS)

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
