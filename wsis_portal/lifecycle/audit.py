"""Writing the audit log: from services (``record``) and from every staff screen (``AuditedModelAdmin``)."""

from datetime import datetime

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db import models

from wsis_portal.editions.schedule import GENEVA

from .models import AuditEntry


def _plain(value):
    """A JSON-safe, human-readable form of a field value."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime):
        # Instants are written in Geneva time, where staff define deadlines.
        return value.astimezone(GENEVA).isoformat(sep=" ") if value.tzinfo else value.isoformat(sep=" ")
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, list | tuple | set | models.QuerySet):
        return [_plain(item) for item in value]
    return str(value)


def record(actor, action, obj, changes=None, note=""):
    """Append one entry to the audit log for ``obj`` and return it.

    ``changes`` maps a field name to ``(before, after)``; values are stored as readable text.
    """
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        changes={name: [_plain(before), _plain(after)] for name, (before, after) in (changes or {}).items()},
        note=note,
    )


def form_changes(form):
    """The ``(before, after)`` pairs of the fields a bound model form changed."""
    changes = {}
    for name in form.changed_data:
        field = form.fields[name]
        before = form.initial.get(name)
        if hasattr(field, "queryset"):
            before = _resolve_choices(field, before)
        changes[name] = (before, form.cleaned_data.get(name))
    return changes


def inline_changes(formsets):
    """The ``(before, after)`` pairs of the inline forms that changed, keyed "<prefix>-<pk>.<field>"."""
    changes = {}
    for formset in formsets:
        for inline_form in formset.forms:
            if inline_form.has_changed():
                prefix = f"{formset.prefix}-{inline_form.instance.pk or 'new'}"
                for name, pair in form_changes(inline_form).items():
                    changes[f"{prefix}.{name}"] = pair
    return changes


def _resolve_choices(field, value):
    """Turn the primary key(s) a model choice field starts with into the objects they name."""
    if value in (None, "", []):
        return value
    if isinstance(value, list | tuple):
        return list(field.queryset.filter(pk__in=[getattr(v, "pk", v) for v in value]))
    return field.queryset.filter(pk=getattr(value, "pk", value)).first()


class ReadOnlyAdminMixin:
    """For records the portal writes itself (reference data, the audit log, the outbox): staff read them."""

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AuditedModelAdmin(admin.ModelAdmin):
    """A ModelAdmin whose additions, changes and deletions all land in the audit log."""

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Inline changes are only known in save_related, which writes the entry.
        request._pending_audit_changes = form_changes(form)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        changes = getattr(request, "_pending_audit_changes", None)
        if changes is None:
            changes = form_changes(form)
        changes.update(inline_changes(formsets))
        action = AuditEntry.Action.CHANGED if change else AuditEntry.Action.CREATED
        record(request.user, action, form.instance, changes)
        request._pending_audit_changes = None

    def delete_model(self, request, obj):
        record(request.user, AuditEntry.Action.DELETED, obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            record(request.user, AuditEntry.Action.DELETED, obj)
        super().delete_queryset(request, queryset)
