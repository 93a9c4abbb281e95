"""The secretariat's screens for personalised letters: start a batch from an issued letter, watch its
progress (the page asks ``progress.json`` while it runs), retry a failed copy alone, download one copy or
the ZIP. Every screen and file checks the user's permission on the server; the work goes through
``batches``."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext, ngettext, pgettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from . import audiences, batches
from .models import CircularLetter, LetterBatch, PersonalLetter

Status = PersonalLetter.Status


def audience_label(key):
    audience = audiences.get(key)
    return audience.label if audience else key


class StartBatchForm(forms.Form):
    letter = forms.ModelChoiceField(
        label=_("letter"),
        queryset=CircularLetter.objects.filter(state=CircularLetter.State.ISSUED),
        help_text=_("Only an issued letter can be personalised."),
        error_messages={
            "invalid_choice": _("Only an issued letter can be personalised: choose one in the list.")
        },
    )
    audience = forms.ChoiceField(label=_("addressees"), widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience"].choices = [(a.key, a.label) for a in audiences.audiences()]
        if len(self.fields["audience"].choices) == 1:
            self.fields["audience"].initial = self.fields["audience"].choices[0][0]


def separator():
    """Between the parts of a status sentence: the Arabic semicolon in Arabic."""
    return pgettext("between the parts of a status", "; ")


def progress_message(counts, batch):
    """What the progress page says of a batch, in one sentence (read out by screen readers as it changes)."""
    if batch.preparation_error:
        return gettext("The recipients could not be listed: %(reason)s") % {"reason": batch.preparation_error}
    if not counts["prepared"]:
        return gettext("Listing the recipients…")
    made = ngettext(
        "%(finished)d of %(total)d letter made",
        "%(finished)d of %(total)d letters made",
        counts["total"],
    ) % {"finished": counts["done"] + counts["failed"], "total": counts["total"]}
    failed = (
        ngettext("%(count)d failed", "%(count)d failed", counts["failed"]) % {"count": counts["failed"]}
        if counts["failed"]
        else ""
    )
    if counts["finished"]:
        end = gettext("finished; the ZIP is ready.")
    elif counts["waiting"] == 0:
        end = gettext("the ZIP is being built.")
    else:
        end = ""
    return separator().join(part for part in (made, failed, end) if part) + ("" if end else "…")


@admin.register(LetterBatch)
class LetterBatchAdmin(admin.ModelAdmin):
    list_display = (
        "letter",
        "audience_shown",
        "created_at",
        "created_by",
        "made",
        "failed",
        "archive_status",
    )
    list_filter = ("archive_status", "audience")
    search_fields = ("letter__reference",)
    list_select_related = ("letter", "created_by")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                total_copies=Count("copies"),
                done_copies=Count("copies", filter=Q(copies__status=Status.DONE)),
                failed_copies=Count("copies", filter=Q(copies__status=Status.FAILED)),
            )
        )

    @admin.display(description=_("addressees"), ordering="audience")
    def audience_shown(self, batch):
        return audience_label(batch.audience)

    @admin.display(description=_("letters made"))
    def made(self, batch):
        return f"{batch.done_copies} / {batch.total_copies}"

    @admin.display(description=_("failed"), ordering="failed_copies")
    def failed(self, batch):
        return batch.failed_copies

    def has_change_permission(self, request, obj=None):
        return False  # a batch is the record of what was made: it changes only through its copies' work

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/progress.json", view(self.progress_json), name="letters_letterbatch_progress"),
            path("<int:pk>/archive/", view(self.archive_view), name="letters_letterbatch_archive"),
            path(
                "<int:pk>/copies/<int:copy_pk>/",
                view(self.copy_view),
                name="letters_letterbatch_copy",
            ),
            path(
                "<int:pk>/copies/<int:copy_pk>/retry/",
                view(require_POST(self.retry_view)),
                name="letters_letterbatch_retry",
            ),
            *super().get_urls(),
        ]

    def _batch(self, request, pk):
        if not self.has_view_permission(request):
            raise PermissionDenied
        return get_object_or_404(LetterBatch.objects.select_related("letter", "created_by"), pk=pk)

    def add_view(self, request, form_url="", extra_context=None):
        """Start personalising an issued letter for an audience (``?letter=`` chooses the letter)."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = StartBatchForm(request.POST or None, initial={"letter": request.GET.get("letter")})
        if request.method == "POST" and form.is_valid():
            letter, audience = form.cleaned_data["letter"], form.cleaned_data["audience"]
            existing = LetterBatch.objects.filter(letter=letter, audience=audience).exists()
            try:
                batch = batches.start(letter, audience, request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if existing:
                    self.message_user(
                        request,
                        _("This letter was already personalised for these addressees: here is its progress."),
                        messages.INFO,
                    )
                else:
                    self.message_user(
                        request,
                        _("The personalised letters are being made; this page follows their progress."),
                        messages.SUCCESS,
                    )
                return HttpResponseRedirect(reverse("admin:letters_letterbatch_change", args=[batch.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Make personalised letters"),
            "opts": self.opts,
            "form": form,
        }
        return TemplateResponse(request, "admin/letters/letterbatch/start.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The progress page: counts, failures with their reasons and a retry button each, the copies, the
        ZIP once it is built."""
        if not str(object_id).isdecimal():
            raise Http404
        batch = self._batch(request, int(object_id))
        counts = batches.progress(batch)
        copies = list(batch.copies.order_by("recipient_label"))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Personalised letters: %(letter)s") % {"letter": batch.letter.reference},
            "opts": self.opts,
            "batch": batch,
            "audience": audience_label(batch.audience),
            "counts": counts,
            "message": progress_message(counts, batch),
            "failures": [copy for copy in copies if copy.status == Status.FAILED],
            "copies": copies,
            "may_retry": batches.may_manage(request.user),
        }
        return TemplateResponse(request, "admin/letters/letterbatch/progress.html", context)

    def progress_json(self, request, pk):
        batch = self._batch(request, pk)
        counts = batches.progress(batch)
        message = str(progress_message(counts, batch))
        return JsonResponse({**counts, "stopped": bool(batch.preparation_error), "message": message})

    def archive_view(self, request, pk):
        batch = self._batch(request, pk)
        if batch.archive_status != LetterBatch.Archive.READY or not batch.archive:
            raise Http404
        name = batch.archive.name.rsplit("/", 1)[-1]
        return FileResponse(batch.archive.open("rb"), as_attachment=True, filename=name)

    def copy_view(self, request, pk, copy_pk):
        batch = self._batch(request, pk)
        copy = get_object_or_404(batch.copies.select_related("batch__letter"), pk=copy_pk, status=Status.DONE)
        if not copy.file:
            raise Http404
        return FileResponse(copy.file.open("rb"), content_type="application/pdf", filename=copy.filename)

    def retry_view(self, request, pk, copy_pk):
        batch = self._batch(request, pk)
        copy = get_object_or_404(batch.copies, pk=copy_pk)
        if batches.retry(copy, request.user):  # raises PermissionDenied for who may only look
            self.message_user(
                request,
                _("The letter for %(recipient)s is being made again.") % {"recipient": copy.recipient_label},
                messages.SUCCESS,
            )
        else:
            self.message_user(
                request,
                _("The letter for %(recipient)s had not failed: nothing was retried.")
                % {"recipient": copy.recipient_label},
                messages.WARNING,
            )
        return HttpResponseRedirect(reverse("admin:letters_letterbatch_change", args=[batch.pk]))
