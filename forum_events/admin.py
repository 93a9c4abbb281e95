"""The secretariat's screens for the Forum agenda: sessions with their speakers in every portal language,
the agendas and their publication, and the public record of changes (read-only). A session made from an
accepted workshop request shows that request, read-only. Once an edition's agenda is published, a change
saved here goes through ``services.update_session``: it is recorded in public and the speakers are told."""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from wsis_portal.direction import isolated_list, isolated_list_text
from wsis_portal.editions.models import Edition
from wsis_portal.editions.schedule import GENEVA
from wsis_portal.letters.admin_batches import separator
from wsis_portal.lifecycle.audit import AuditedModelAdmin, ReadOnlyAdminMixin, inline_changes, record
from wsis_portal.lifecycle.models import AuditEntry

from . import retention, services
from .forms import IsolatedCheckboxes, SessionAdminForm
from .models import Agenda, Session, SessionChange, SessionSpeaker


class SessionSpeakerInline(admin.StackedInline):
    """Stacked, so that every input has its own label (a table's column headers label none)."""

    model = SessionSpeaker
    fields = ("role", "position", "name", "title", "organisation", "email", "language")
    extra = 1

    # A session's speakers are part of the session: whoever may change it may change them.
    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("forum_events.view_session")

    def has_add_permission(self, request, obj=None):
        return request.user.has_perm("forum_events.change_session")

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("forum_events.change_session")

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm("forum_events.change_session")


class AgendaAccess:
    """Agendas and changes are read by whoever may change sessions (the secretariat)."""

    def has_module_permission(self, request):
        return services.may_edit(request.user)

    def has_view_permission(self, request, obj=None):
        return services.may_edit(request.user)


@admin.register(Session)
class SessionAdmin(AuditedModelAdmin, TranslationAdmin):
    form = SessionAdminForm
    list_display = (
        "title",
        "edition",
        "day",
        "start",
        "room",
        "kind",
        "format",
        "is_cancelled",
        "from_request",
    )
    list_filter = ("edition", "kind", "format", "day", "is_cancelled")
    list_select_related = ("edition", "workshop_request")
    search_fields = (
        "title_en",
        "title_ar",
        "organisers",
        "room_en",
        "room_ar",
        "workshop_request__reference",
    )
    readonly_fields = ("workshop_request_link",)
    inlines = (SessionSpeakerInline,)
    actions = ("publish_agenda", "purge_personal_data")
    fieldsets = (
        (None, {"fields": ("edition", "kind", "title", "description")}),
        (
            _("Schedule"),
            {
                "fields": ("starts_at", "ends_at", "day", "room", "format", "remote_link", "is_cancelled"),
                "description": _(
                    "Times are in Geneva time. Once the agenda is published, a change of time, room, format "
                    "or cancellation is shown in the public list of changes and its speakers are told "
                    "by e-mail."
                ),
            },
        ),
        (_("Programme"), {"fields": ("organisers", "languages", "action_lines", "sdgs", "recording_url")}),
        (
            _("High-level track"),
            {
                "fields": ("speaking_capacity", "minutes_per_speaker"),
                "description": _(
                    "For a high-level policy session: how many Member States may deliver a statement, and "
                    "for how many minutes each. The slots must fit within the session's time; a change "
                    "confirms the next requests waiting, or moves the last confirmed ones to the waiting "
                    "list, and tells them."
                ),
            },
        ),
        (_("Open consultation"), {"fields": ("workshop_request_link",)}),
    )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if self.has_change_permission(request, obj):
            return fieldsets
        # Read only: the languages by name, not the list they are stored as.
        return [
            (
                name,
                {
                    **options,
                    "fields": tuple(
                        "interpretation_languages" if field == "languages" else field
                        for field in options["fields"]
                    ),
                },
            )
            for name, options in fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if self.has_change_permission(request, obj):
            return readonly
        return (*readonly, "interpretation_languages")

    @admin.display(description=_("interpretation languages"))
    def interpretation_languages(self, session):
        return isolated_list(session.language_names) or "—"

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        # Boxes to tick, each with its label: the two-list filter widget names its search boxes with
        # attributes a screen reader may not be given on those elements (axe-core refuses them).
        if db_field.name in ("action_lines", "sdgs"):
            kwargs["widget"] = IsolatedCheckboxes
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description=_("starts at (Geneva time)"), ordering="starts_at")
    def start(self, session):
        return session.starts_at.astimezone(GENEVA).strftime("%H:%M") if session.starts_at else "—"

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

    def save_model(self, request, obj, form, change):
        if not change:  # a new session is not a change of the agenda
            super().save_model(request, obj, form, change)
            return
        fields = {
            field.name: field for field in Session._meta.get_fields() if getattr(field, "concrete", False)
        }
        data = {
            name: form.cleaned_data[name] if fields[name].many_to_many else getattr(obj, name)
            for name in form.changed_data
            if name in fields
        }
        saved = services.update_session(obj, data, request.user)  # writes the audit entry
        obj.day = saved.day
        request._session_audited = True
        if saved.public_changes:
            self.message_user(request, announcement(len(saved.told)), messages.INFO)

    def save_related(self, request, form, formsets, change):
        if not getattr(request, "_session_audited", False):
            super().save_related(request, form, formsets, change)
            return
        admin.ModelAdmin.save_related(self, request, form, formsets, change)
        # The session's own fields were audited by the service; the speakers' changes are audited here.
        changes = inline_changes(formsets)
        if changes:
            record(request.user, AuditEntry.Action.CHANGED, form.instance, changes)

    @admin.action(
        description=_("Publish the agenda of the selected sessions' edition"), permissions=["change"]
    )
    def publish_agenda(self, request, queryset):
        editions = Edition.objects.filter(pk__in=queryset.values("edition_id")).order_by("year")
        published = []
        for edition in editions:
            if services.is_published(edition):
                continue
            services.publish_agenda(edition, request.user)
            published.append(str(edition))
        if published:
            self.message_user(
                request,
                ngettext(
                    "Agenda published: %(editions)s. From now on, changes are listed in public and "
                    "speakers are told.",
                    "Agendas published: %(editions)s. From now on, changes are listed in public and "
                    "speakers are told.",
                    len(published),
                )
                % {"editions": isolated_list_text(published)},
                messages.SUCCESS,
            )
        else:
            self.message_user(request, _("That agenda was already published."), messages.INFO)

    def has_purge_permission(self, request):
        return retention.may_purge(request.user)

    @admin.action(
        description=_("Remove the personal data of the selected sessions' edition…"), permissions=["purge"]
    )
    def purge_personal_data(self, request, queryset):
        """First a page saying what goes and what stays, for each edition; removed once confirmed."""
        editions = list(Edition.objects.filter(pk__in=queryset.values("edition_id")).order_by("year"))
        if request.POST.get("confirmed") == "yes":
            for edition in editions:
                try:
                    removed = retention.purge_ended_edition(edition, request.user)
                except ValidationError as error:
                    self.message_user(request, " ".join(error.messages), messages.ERROR)
                    continue
                self.message_user(
                    request,
                    _("Personal data of %(edition)s removed: %(removed)s.")
                    % {"edition": edition, "removed": retention_summary(removed)},
                    messages.SUCCESS,
                )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Remove the personal data of an edition"),
            "opts": self.opts,
            "editions": [
                {
                    "edition": edition,
                    "over": retention.forum_is_over(edition),
                    "left": retention_summary(retention.personal_data_left(edition)),
                }
                for edition in editions
            ],
            "queryset": queryset,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "days": settings.PERSONAL_DATA_RETENTION_DAYS,
        }
        return TemplateResponse(request, "admin/forum_events/session/purge_personal_data.html", context)


def announcement(told):
    """What the officer is told after saving a public change of a published session."""
    if not told:
        return _("The change is listed in public; no moderator or speaker has an e-mail address to be told.")
    return ngettext(
        "The change is listed in public and was mailed to %(count)d moderator or speaker, in their language.",
        "The change is listed in public and was mailed to %(count)d moderators and speakers, each in their "
        "language.",
        told,
    ) % {"count": told}


def retention_summary(counts):
    """What the retention removes (or removed), by kind, in one translated phrase."""
    labels = {
        "files": _("statements, photos and personalised letters (files)"),
        "biographies": _("biographies"),
        "speaker_addresses": _("speakers' e-mail addresses"),
        "letter_batches": _("batches of personalised letters"),
        "secret_links": _("invitation links"),
    }
    return separator().join(f"{labels[name]}: {counts[name]}" for name in labels)


@admin.register(Agenda)
class AgendaAdmin(AgendaAccess, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("edition", "published_at")
    list_select_related = ("edition",)


@admin.register(SessionChange)
class SessionChangeAdmin(AgendaAccess, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("at", "session", "kind", "before", "after")
    list_filter = ("session__edition", "kind")
    list_select_related = ("session",)
    search_fields = ("session__title_en", "session__title_ar")
    date_hierarchy = "at"


from . import admin_high_level  # noqa: E402,F401
