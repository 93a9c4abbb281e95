"""The secretariat's screen for the Forum agenda's sessions, in every portal language. A session made from
an accepted workshop request shows that request, read-only."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from wsis_portal.lifecycle.audit import AuditedModelAdmin

from .models import Session


@admin.register(Session)
class SessionAdmin(AuditedModelAdmin, TranslationAdmin):
    list_display = ("title", "edition", "kind", "format", "day", "from_request")
    list_filter = ("edition", "kind", "format", "day")
    list_select_related = ("edition", "workshop_request")
    search_fields = ("title_en", "title_ar", "organisers", "workshop_request__reference")
    filter_horizontal = ("action_lines", "sdgs")
    readonly_fields = ("workshop_request_link",)
    fieldsets = (
        (None, {"fields": ("edition", "kind", "title", "description", "format", "day")}),
        (_("Programme"), {"fields": ("organisers", "languages", "action_lines", "sdgs")}),
        (_("Open consultation"), {"fields": ("workshop_request_link",)}),
    )

    @admin.display(description=_("from the workshop request"), ordering="workshop_request__reference")
    def from_request(self, session):
        request = getattr(session, "workshop_request", None)
        return request.reference if request else "—"

    @admin.display(description=_("workshop request"))
    def workshop_request_link(self, session):
        request = getattr(session, "workshop_request", None) if session.pk else None
        if request is None:
            return "—"
        return format_html(
            '<a href="{}"><bdi>{}</bdi></a> — <span dir="auto">{}</span>',
            reverse("admin:consultations_workshoprequest_change", args=[request.pk]),
            request.reference,
            request.title,
        )
