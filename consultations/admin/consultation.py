"""The consultation of each edition with its meetings, and the topics contributions are tagged with:
content the secretariat writes, in every portal language."""

from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from wsis_portal.direction import code
from wsis_portal.editions.admin import GENEVA_HELP
from wsis_portal.editions.forms import RequiredPhasesForm
from wsis_portal.editions.models import Process
from wsis_portal.lifecycle.audit import AuditedModelAdmin

from ..models import Consultation, Meeting, Topic


class MeetingInline(TranslationStackedInline):
    model = Meeting
    extra = 0
    fields = ("title", "description", "starts_at", "ends_at", "format", "venue", "link")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in ("starts_at", "ends_at") and field is not None:
            field.help_text = GENEVA_HELP
        return field


@admin.register(Consultation)
class ConsultationAdmin(AuditedModelAdmin, TranslationAdmin):
    # Refused while the edition has no contributions phase: nothing could be sent to it.
    form = RequiredPhasesForm.for_process(Process.CONSULTATION)
    list_display = ("__str__", "max_speakers", "max_workshop_requests", "synthesis_link")
    list_select_related = ("edition",)
    fields = ("edition", "introduction", "max_speakers", "max_workshop_requests")
    inlines = [MeetingInline]

    @admin.display(description=_("synthesis"))
    def synthesis_link(self, consultation):
        url = reverse("admin:consultations_contribution_synthesis")
        return format_html(
            '<a href="{}?edition={}">{}</a>', url, consultation.edition.year, _("Synthesis of contributions")
        )


@admin.register(Topic)
class TopicAdmin(AuditedModelAdmin, TranslationAdmin):
    list_display = ("name", "topic_code", "position")
    search_fields = ("name_en", "name_ar", "code")

    @admin.display(description=_("code"), ordering="code")
    def topic_code(self, topic):
        return code(topic.code)
