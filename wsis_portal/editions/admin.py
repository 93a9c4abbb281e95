"""Editions and their phases, entered in Geneva time (the admin always works in Geneva's zone); a phase is
picked from those its process declares (``editions.phases``)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from wsis_portal.lifecycle.audit import AuditedModelAdmin, ReadOnlyAdminMixin

from . import phases
from .forms import PhaseForm, PhaseFormSet
from .models import ActionLine, Edition, GDCObjective, Phase, SustainableDevelopmentGoal

GENEVA_HELP = _("Geneva time (Europe/Zurich), summer or winter time as on that date.")


class GenevaTimeMixin:
    """Says on every date-time field that it is Geneva time."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in ("opens_at", "closes_at") and field is not None:
            field.help_text = " ".join(str(part) for part in (db_field.help_text, GENEVA_HELP) if part)
        return field


class PhaseInline(GenevaTimeMixin, TranslationStackedInline):
    model = Phase
    form = PhaseForm
    formset = PhaseFormSet
    extra = 0
    fields = ("process", "key", "name", "opens_at", "closes_at")


@admin.register(Edition)
class EditionAdmin(AuditedModelAdmin, TranslationAdmin):
    list_display = ("year", "theme", "starts_on", "ends_on", "venue", "is_hybrid")
    search_fields = ("theme_en", "theme_ar", "venue_en", "venue_ar")
    inlines = [PhaseInline]


@admin.register(Phase)
class PhaseAdmin(GenevaTimeMixin, AuditedModelAdmin, TranslationAdmin):
    form = PhaseForm
    list_display = ("name", "edition", "process", "opens_at", "closes_at", "open_now")
    list_filter = ("edition", "process")
    list_select_related = ("edition",)
    search_fields = ("name_en", "name_ar", "key")

    def get_deleted_objects(self, objs, request):
        """A phase its process needs once set up is listed as protected: the admin then refuses to delete
        it (alone or in a bulk deletion) and says why."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        protected = [*protected, *filter(None, (phases.removal_error(phase) for phase in objs))]
        return deleted, counts, perms_needed, protected

    @admin.display(description=_("open now"), boolean=True)
    def open_now(self, phase):
        return phase.is_open


class ReferenceDataAdmin(ReadOnlyAdminMixin, TranslationAdmin):
    """Reference data comes from migrations; staff read it here."""


@admin.register(ActionLine)
class ActionLineAdmin(ReferenceDataAdmin):
    list_display = ("code", "name", "parent")
    list_select_related = ("parent",)


@admin.register(SustainableDevelopmentGoal)
class SustainableDevelopmentGoalAdmin(ReferenceDataAdmin):
    list_display = ("number", "name")


@admin.register(GDCObjective)
class GDCObjectiveAdmin(ReferenceDataAdmin):
    list_display = ("number", "name")
