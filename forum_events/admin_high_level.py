"""The secretariat's screens for the high-level track: the invitations of an edition with each Member
State's answer and requests, invitations issued (and new links sent) through ``high_level``, the speaking
slot requests read-only with their withdrawal, and per high-level policy session the speakers' order (run
of show) with its CSV/XLSX exports and the policy statements as one ZIP. Nothing here sets an answer or a
status: every change goes through ``forum_events.high_level``."""

import os
import tempfile
import zipfile
from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import FileResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wsis_portal.direction import isolated_list_text
from wsis_portal.editions import phases
from wsis_portal.editions.models import Edition, Process
from wsis_portal.editions.schedule import GENEVA
from wsis_portal.exports import csv_response, xlsx_response
from wsis_portal.languages import portal_languages
from wsis_portal.lifecycle.audit import ReadOnlyAdminMixin
from wsis_portal.stakeholders.countries import collation_key
from wsis_portal.stakeholders.member_states import countries_named
from wsis_portal.stakeholders.models import MemberState
from wsis_portal.uploads.admin import PrivateFilesAdminMixin, download_link

from . import high_level
from .models import Invitation, Session, SessionType, SlotRequest

ZIP_SPOOL = 20 * 1024 * 1024  # above this a ZIP being written goes to a temporary file
Status = SlotRequest.Status


def with_minister(queryset):
    return queryset.exclude(minister_name_en__isnull=True).exclude(minister_name_en="")


class ByName(forms.models.ModelChoiceIterator):
    """Choices in the alphabetical order of their names in the reader's language (Member States are stored
    in the order of their codes)."""

    def __iter__(self):
        yield from sorted(super().__iter__(), key=lambda choice: collation_key(choice[1]))


class MemberStatesField(forms.ModelMultipleChoiceField):
    iterator = ByName


class InviteForm(forms.Form):
    edition = forms.ModelChoiceField(Edition.objects.all(), label=_("Edition"))
    member_states = MemberStatesField(
        MemberState.objects.all(),
        label=_("Member States"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text=_("Hold Ctrl (or Cmd on a Mac) to choose several."),
    )
    all_with_minister = forms.BooleanField(
        label=_("All Member States whose minister is known"), required=False
    )
    language = forms.ChoiceField(
        label=Invitation._meta.get_field("language").verbose_name,
        choices=portal_languages,
        initial=settings.LANGUAGE_CODE,
        help_text=_(
            "The link is mailed in this language, and the minister's personalised letter is written in it. "
            "Invite the Member States of each language separately."
        ),
    )

    def clean_edition(self):
        # Without its confirmations phase no protocol office could answer the invitation.
        edition = self.cleaned_data["edition"]
        phases.check_required(edition, Process.FORUM)
        return edition

    def clean(self):
        data = super().clean()
        if not data.get("member_states") and not data.get("all_with_minister"):
            raise ValidationError(_("Choose Member States, or all those whose minister is known."))
        return data

    def chosen(self):
        chosen = set(self.cleaned_data["member_states"])
        if self.cleaned_data["all_with_minister"]:
            chosen |= set(with_minister(MemberState.objects.all()))
        return sorted(chosen, key=lambda state: state.country.code)


class InvitationAnswerFilter(admin.SimpleListFilter):
    title = _("answer")
    parameter_name = "answer"

    def lookups(self, request, model_admin):
        return [
            (Invitation.Answer.ACCEPTED, _("Accepted")),
            (Invitation.Answer.DECLINED, _("Declined")),
            (Invitation.Answer.PENDING, _("Silent (not answered)")),
        ]

    def queryset(self, request, queryset):
        return queryset.filter(answer=self.value()) if self.value() else queryset


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Invitations are issued through "Invite Member States" (which mails the link), never typed in."""

    list_display = (
        "member_state",
        "edition",
        "answer_shown",
        "confirmed",
        "waiting",
        "issued_at",
        "answered_at",
    )
    list_filter = ("edition", InvitationAnswerFilter)
    list_select_related = ("member_state", "edition")
    search_fields = ("member_state__country",)
    actions = ("send_new_link",)
    readonly_fields = (
        "edition",
        "member_state",
        "language",
        "answer",
        "issued_at",
        "issued_by",
        "answered_at",
    )
    fields = readonly_fields

    def get_queryset(self, request):
        active = {"requests__status__in": [Status.CONFIRMED, Status.WAITING]}
        return (
            super()
            .get_queryset(request)
            .annotate(
                confirmed_count=Count("requests", filter=Q(requests__status=Status.CONFIRMED)),
                waiting_count=Count("requests", filter=Q(requests__status=Status.WAITING)),
                active_count=Count("requests", filter=Q(**active)),
            )
        )

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return queryset.filter(member_state__country__in=countries_named(search_term)), False

    def has_invite_permission(self, request):
        return high_level.may_manage(request.user)

    @admin.display(description=_("answer"), ordering="answer")
    def answer_shown(self, invitation):
        if invitation.answer == Invitation.Answer.PENDING:
            return _("Silent (not answered)")
        return invitation.get_answer_display()

    @admin.display(description=_("slots confirmed"), ordering="confirmed_count")
    def confirmed(self, invitation):
        return invitation.confirmed_count

    @admin.display(description=_("on the waiting list"), ordering="waiting_count")
    def waiting(self, invitation):
        return invitation.waiting_count

    def get_urls(self):
        return [
            path(
                "invite/", self.admin_site.admin_view(self.invite_view), name="forum_events_invitation_invite"
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "may_invite": self.has_invite_permission(request)}
        return super().changelist_view(request, extra_context)

    def invite_view(self, request):
        """Invite the chosen Member States to an edition's high-level track; their protocol offices receive
        the secret link. Those already invited are left alone (send them a new link from the list)."""
        if not self.has_invite_permission(request):
            raise PermissionDenied
        initial = {"edition": Edition.objects.current()}
        form = InviteForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            edition = form.cleaned_data["edition"]
            invited = set(
                Invitation.objects.filter(edition=edition).values_list("member_state_id", flat=True)
            )
            chosen = form.chosen()
            issued = [state for state in chosen if state.pk not in invited]
            for state in issued:
                high_level.issue_invitation(
                    edition, state, request.user, language=form.cleaned_data["language"]
                )
            self.message_user(
                request,
                ngettext(
                    "%(count)d Member State invited; its protocol office received the link.",
                    "%(count)d Member States invited; their protocol offices received the link.",
                    len(issued),
                )
                % {"count": len(issued)},
                messages.SUCCESS,
            )
            if len(issued) < len(chosen):
                self.message_user(
                    request,
                    _(
                        "Already invited, left alone: %(states)s. Send them a new link from the list "
                        "if needed."
                    )
                    % {"states": isolated_list_text(state for state in chosen if state.pk in invited)},
                    messages.INFO,
                )
            url = reverse("admin:forum_events_invitation_changelist")
            return HttpResponseRedirect(f"{url}?edition__id__exact={edition.pk}")
        context = {
            **self.admin_site.each_context(request),
            "title": _("Invite Member States to the high-level track"),
            "opts": self.opts,
            "form": form,
        }
        return TemplateResponse(request, "admin/forum_events/invitation/invite.html", context)

    @admin.action(description=_("Send a new link (the old one stops working)"), permissions=["invite"])
    def send_new_link(self, request, queryset):
        count = 0
        for invitation in queryset.select_related("edition", "member_state"):
            high_level.issue_invitation(invitation.edition, invitation.member_state, request.user)
            count += 1
        self.message_user(
            request,
            ngettext(
                "A new link was sent to %(count)d protocol office.",
                "A new link was sent to %(count)d protocol offices.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


class HighLevelSessionFilter(admin.SimpleListFilter):
    title = _("session")
    parameter_name = "session"

    def lookups(self, request, model_admin):
        sessions = Session.objects.filter(kind=SessionType.HIGH_LEVEL_POLICY).select_related("edition")
        return [(str(session.pk), f"{session.edition.year} · {session.title}") for session in sessions]

    def queryset(self, request, queryset):
        return queryset.filter(session_id=self.value()) if self.value() else queryset


def run_of_show(session):
    """The session's speakers in protocol order: the confirmed ones with their planned start (the session's
    start plus their position times the minutes per speaker, in Geneva time), then the waiting list."""
    rows = []
    for position, request in enumerate(high_level.order(session)):
        starts = None
        if request.status == Status.CONFIRMED and session.starts_at is not None:
            starts = session.starts_at + timedelta(minutes=position * session.minutes_per_speaker)
        rows.append(
            {
                "position": position + 1,
                "request": request,
                "starts_at": starts.astimezone(GENEVA) if starts else None,
                "confirmed": request.status == Status.CONFIRMED,
            }
        )
    return rows


def speakers_table(session):
    header = [
        str(_("Order")),
        str(_("Member State")),
        str(_("Speaker")),
        str(_("Title")),
        str(_("Protocol rank")),
        str(_("Delegate")),
        str(_("Attendance")),
        str(_("Minutes")),
        str(_("Planned start (Geneva time)")),
        str(_("Status")),
        str(_("Policy statement")),
    ]
    rows = [
        [
            row["position"],
            str(row["request"].member_state),
            row["request"].speaker_name,
            row["request"].speaker_title,
            row["request"].get_rank_display(),
            row["request"].is_delegate,
            row["request"].get_attendance_display(),
            session.minutes_per_speaker if row["confirmed"] else "",
            row["starts_at"].strftime("%Y-%m-%d %H:%M") if row["starts_at"] else "",
            row["request"].get_status_display(),
            bool(row["request"].statement),
        ]
        for row in run_of_show(session)
    ]
    return header, rows


@admin.register(SlotRequest)
class SlotRequestAdmin(PrivateFilesAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    """A request's content is the protocol office's; the secretariat reads it and may withdraw it. The
    statement and the photo are in private storage: they link to downloads that check who asks."""

    private_files = ("statement", "photo")
    exclude = private_files

    list_display = (
        "member_state",
        "session",
        "speaker_name",
        "rank",
        "attendance",
        "status",
        "requested_at",
        "speakers_order",
    )
    list_filter = (
        ("session__edition", admin.RelatedOnlyFieldListFilter),
        HighLevelSessionFilter,
        "status",
        "rank",
        "attendance",
    )
    list_select_related = ("member_state", "session", "invitation")
    ordering = ("session__starts_at", "session", "rank", "requested_at", "pk")
    search_fields = ("speaker_name", "member_state__country")
    actions = ("withdraw",)

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return (
            queryset.filter(
                Q(speaker_name__icontains=search_term.strip())
                | Q(member_state__country__in=countries_named(search_term))
            ),
            False,
        )

    def get_readonly_fields(self, request, obj=None):
        return [
            f"{field.name}_download" if field.name in self.private_files else field.name
            for field in SlotRequest._meta.fields
        ]

    @admin.display(description=SlotRequest._meta.get_field("statement").verbose_name)
    def statement_download(self, slot_request):
        return download_link(slot_request.statement)

    @admin.display(description=SlotRequest._meta.get_field("photo").verbose_name)
    def photo_download(self, slot_request):
        return download_link(slot_request.photo)

    def has_withdraw_permission(self, request):
        return request.user.has_perm("forum_events.change_slotrequest")

    @admin.display(description=_("speakers' order"))
    def speakers_order(self, request):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:forum_events_slotrequest_speakers", args=[request.session_id]),
            _("Run of show"),
        )

    @admin.action(description=_("Withdraw the selected requests"), permissions=["withdraw"])
    def withdraw(self, request, queryset):
        withdrawn = 0
        for slot_request in queryset.exclude(status=Status.WITHDRAWN).select_related(
            "invitation__edition", "session", "member_state"
        ):
            try:
                high_level.withdraw(slot_request, by=request.user)
            except ValidationError as error:
                self.message_user(
                    request, f"{slot_request.member_state}: {' '.join(error.messages)}", messages.ERROR
                )
            else:
                withdrawn += 1
        if withdrawn:
            self.message_user(
                request,
                ngettext(
                    "%(count)d request withdrawn; the next ones waiting moved up and were told.",
                    "%(count)d requests withdrawn; the next ones waiting moved up and were told.",
                    withdrawn,
                )
                % {"count": withdrawn},
                messages.SUCCESS,
            )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "session/<int:pk>/speakers/",
                view(self.speakers_view),
                name="forum_events_slotrequest_speakers",
            ),
            path(
                "session/<int:pk>/speakers.<str:fmt>",
                view(self.speakers_export),
                name="forum_events_slotrequest_speakers_export",
            ),
            path(
                "session/<int:pk>/statements.zip",
                view(self.statements_zip),
                name="forum_events_slotrequest_statements",
            ),
            *super().get_urls(),
        ]

    def _session(self, request, pk):
        if not self.has_view_permission(request):
            raise PermissionDenied
        return get_object_or_404(
            Session.objects.select_related("edition"), pk=pk, kind=SessionType.HIGH_LEVEL_POLICY
        )

    def speakers_view(self, request, pk):
        """The run of show of one high-level policy session, printable."""
        session = self._session(request, pk)
        rows = run_of_show(session)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Speakers' order: %(session)s") % {"session": session.title},
            "opts": self.opts,
            "session": session,
            "starts_at": session.starts_at.astimezone(GENEVA) if session.starts_at else None,
            "confirmed": [row for row in rows if row["confirmed"]],
            "waiting": [row for row in rows if not row["confirmed"]],
            "has_statements": any(row["request"].statement for row in rows),
        }
        return TemplateResponse(request, "admin/forum_events/slotrequest/speakers.html", context)

    def speakers_export(self, request, pk, fmt):
        session = self._session(request, pk)
        header, rows = speakers_table(session)
        name = f"speakers-{session.edition.year}-{session.pk}"
        if fmt == "csv":
            return csv_response(header, rows, f"{name}.csv")
        if fmt == "xlsx":
            return xlsx_response(header, rows, f"{name}.xlsx", sheet_name=str(_("Speakers")))
        raise PermissionDenied

    def statements_zip(self, request, pk):
        """The policy statements of the session's active requests, named by order and Member State."""
        session = self._session(request, pk)
        spool = tempfile.SpooledTemporaryFile(max_size=ZIP_SPOOL)  # noqa: SIM115 - FileResponse closes it
        with zipfile.ZipFile(spool, "w", zipfile.ZIP_DEFLATED) as archive:
            for row in run_of_show(session):
                statement = row["request"].statement
                if not statement:
                    continue
                extension = os.path.splitext(statement.name)[1].lower()
                state = row["request"].member_state.country.code
                with statement.open("rb") as source:
                    archive.writestr(f"{row['position']:02d}-{state}{extension}", source.read())
        spool.seek(0)
        return FileResponse(
            spool, as_attachment=True, filename=f"statements-{session.edition.year}-{session.pk}.zip"
        )
