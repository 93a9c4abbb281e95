"""The secretariat's screens for circular letters: drafts are edited, issuing and corrigenda go through
the services, issued letters are read-only and show the state of their PDFs. The annex is kept in private
storage: its links lead to a download that checks who asks."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from wsis_portal.direction import isolated_list, isolated_list_text
from wsis_portal.languages import language_name
from wsis_portal.lifecycle.audit import AuditedModelAdmin
from wsis_portal.uploads.admin import PrivateFileInput, PrivateFilesAdminMixin, download_url

from . import admin_batches, batches, services  # admin_batches: the personalised letters' screens
from .models import AddresseeGroup, CircularLetter, LetterFrozen, Letterhead, LetterPDF


class CircularLetterForm(forms.ModelForm):
    addressees = forms.TypedMultipleChoiceField(
        label=_("addressed to"),
        choices=AddresseeGroup.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = CircularLetter
        fields = [
            "edition",
            "reference",
            "date",
            "place",
            "addressees",
            "contact_name",
            "contact_phone",
            "contact_email",
            "subject",
            "body",
            "signatory_name",
            "signatory_title",
            "annex",
        ]
        widgets = {"annex": PrivateFileInput}


class LetterPDFInline(admin.TabularInline):
    model = LetterPDF
    fields = ("language_named", "status", "error", "finished_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    @admin.display(description=_("language"))
    def language_named(self, pdf):
        return language_name(pdf.language)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(CircularLetter)
class CircularLetterAdmin(PrivateFilesAdminMixin, AuditedModelAdmin, TranslationAdmin):
    form = CircularLetterForm
    private_files = ("annex",)
    list_display = ("reference", "date", "subject", "state", "pdf_status", "corrigendum_of")
    list_filter = ("state", "edition")
    search_fields = ("reference", "subject_en", "subject_ar")
    date_hierarchy = "date"
    list_select_related = ("corrigendum_of",)
    readonly_fields = (
        "state",
        "issued_at",
        "issued_by",
        "corrigendum_of",
        "pdf_files",
        "personalised",
        "addressees_shown",
        "annex_download",
    )
    fieldsets = (
        (None, {"fields": ("edition", "reference", "date", "place", "addressees")}),
        (_("Contact"), {"fields": ("contact_name", "contact_phone", "contact_email")}),
        (_("Letter"), {"fields": ("subject", "body", "signatory_name", "signatory_title", "annex")}),
        (
            _("Issue"),
            {"fields": ("state", "issued_at", "issued_by", "corrigendum_of", "pdf_files", "personalised")},
        ),
    )
    inlines = [LetterPDFInline]
    actions = ["issue_letters", "make_corrigenda"]

    class Media:
        js = ("js/progress.js",)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        # Read only, the groups are named rather than shown as their stored codes, and the annex links to
        # its download rather than to an address that does not serve it.
        shown = {"addressees": "addressees_shown", "annex": "annex_download"}
        return [
            (name, {**options, "fields": [shown.get(f, f) for f in options["fields"]]})
            for name, options in fieldsets
        ]

    @admin.display(description=_("addressed to"))
    def addressees_shown(self, letter):
        return isolated_list(letter.addressee_labels()) or "—"

    @admin.display(description=_("annex (PDF)"))
    def annex_download(self, letter):
        if not letter.annex:
            return "—"
        return format_html('<a href="{}">{}</a>', download_url(letter.annex), letter.annex.name)

    def get_urls(self):
        return [
            path(
                "<int:pk>/preview/<str:language>.pdf",
                self.admin_site.admin_view(self.preview_pdf),
                name="letters_circularletter_preview",
            ),
            path(
                "<int:pk>/pdfs.json",
                self.admin_site.admin_view(self.pdfs_json),
                name="letters_circularletter_pdfs",
            ),
            *super().get_urls(),
        ]

    def private_file_name(self, letter, field):
        return f"{letter.file_stem}-annex.pdf"

    @staticmethod
    def pdf_state(letter):
        """The letter's PDFs in the portal's languages order, whether they are all finished, and what to
        say of them."""
        rows = {pdf.language: pdf for pdf in letter.pdfs.all()}
        found = [(code, name, rows[code]) for code, name in settings.LANGUAGES if code in rows]
        finished = all(pdf.status in (LetterPDF.Status.DONE, LetterPDF.Status.FAILED) for *_, pdf in found)
        message = admin_batches.separator().join(
            f"{language_name(code)}: {pdf.get_status_display()}" for code, _name, pdf in found
        )
        return found, finished, message

    def pdfs_json(self, request, pk):
        if not self.has_view_permission(request):
            raise PermissionDenied
        letter = get_object_or_404(CircularLetter.objects.prefetch_related("pdfs"), pk=pk)
        _found, finished, message = self.pdf_state(letter)
        return JsonResponse({"finished": finished, "message": message})

    def preview_pdf(self, request, pk, language):
        """A draft's PDF as last saved, in one language, for the secretariat to read before issuing it."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        letter = get_object_or_404(CircularLetter, pk=pk, state=CircularLetter.State.DRAFT)
        if language not in dict(settings.LANGUAGES):
            raise Http404
        response = HttpResponse(services.preview(letter, language), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{letter.file_stem}-draft-{language}.pdf"'
        return response

    @admin.display(description=_("PDF files"))
    def pdf_files(self, letter):
        if letter.pk is None:
            return _("The PDFs are made when the letter is issued.")
        if not letter.is_issued:
            previews = format_html_join(
                "",
                '<li><a href="{}">{} (PDF)</a></li>',
                (
                    (
                        reverse("admin:letters_circularletter_preview", args=[letter.pk, code]),
                        language_name(code),
                    )
                    for code, _name in settings.LANGUAGES
                ),
            )
            return format_html(
                "<p>{}</p><ul>{}</ul>",
                _(
                    "The PDFs are made when the letter is issued. Before that, read the draft as last "
                    "saved, marked as a draft:"
                ),
                previews,
            )
        found, finished, message = self.pdf_state(letter)
        links = format_html_join(
            "",
            '<li><a href="{}">{} (PDF)</a></li>',
            (
                (reverse("letters:pdf", args=[letter.pk, code]), language_name(code))
                for code, _name, pdf in found
                if pdf.status == LetterPDF.Status.DONE and pdf.file
            ),
        )
        return format_html(
            '<div data-progress="{}" data-finished="{}"><ul>{}</ul>'
            '<p role="status" aria-live="polite" data-progress-message>{}</p></div>',
            reverse("admin:letters_circularletter_pdfs", args=[letter.pk]),
            "true" if finished else "false",
            links,
            message,
        )

    @admin.display(description=_("personalised letters"))
    def personalised(self, letter):
        if letter.pk is None or not letter.is_issued:
            return _("An issued letter can be personalised: one copy per recipient.")
        made = format_html_join(
            "",
            '<li><a href="{}">{}</a></li>',
            (
                (
                    reverse("admin:letters_letterbatch_change", args=[batch.pk]),
                    admin_batches.audience_label(batch.audience),
                )
                for batch in letter.batches.order_by("created_at")
            ),
        )
        return format_html("<ul>{}</ul>", made) if made else "—"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "may_personalise": batches.may_manage(request.user)}
        return super().change_view(request, object_id, form_url, extra_context)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("pdfs")

    @admin.display(description=_("PDFs"))
    def pdf_status(self, letter):
        return (
            isolated_list(
                f"{language_name(pdf.language)}: {pdf.get_status_display()}" for pdf in letter.pdfs.all()
            )
            or "—"
        )

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_issued:
            return False  # the record of what was sent: correct it with a corrigendum
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_issued:
            return False
        return super().has_delete_permission(request, obj)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset.filter(state=CircularLetter.State.DRAFT))

    @admin.action(description=_("Issue the selected letters"), permissions=["change"])
    def issue_letters(self, request, queryset):
        issued = 0
        for letter in queryset.filter(state=CircularLetter.State.DRAFT):
            try:
                services.issue(letter, request.user)
            except LetterFrozen:
                continue
            issued += 1
        if issued:
            self.message_user(
                request,
                ngettext(
                    "%(count)d letter issued; its PDFs are being rendered.",
                    "%(count)d letters issued; their PDFs are being rendered.",
                    issued,
                )
                % {"count": issued},
                messages.SUCCESS,
            )
        else:
            self.message_user(request, _("No draft was selected."), messages.WARNING)

    @admin.action(description=_("Make a corrigendum of the selected letters"), permissions=["add"])
    def make_corrigenda(self, request, queryset):
        made = [
            services.corrigendum(letter, request.user).reference
            for letter in queryset.filter(state=CircularLetter.State.ISSUED)
        ]
        if made:
            self.message_user(
                request,
                _("Draft corrigenda made: %(references)s.") % {"references": isolated_list_text(made)},
                messages.SUCCESS,
            )
        else:
            self.message_user(request, _("Only an issued letter can be corrected."), messages.WARNING)


@admin.register(Letterhead)
class LetterheadAdmin(AuditedModelAdmin, TranslationAdmin):
    """The letterhead letters carry: the emblem is checked as every upload is (PNG or JPEG, its size)."""

    list_display = ("organisation", "office", "active")
    fieldsets = ((None, {"fields": ("organisation", "office", "address", "emblem", "active")}),)
