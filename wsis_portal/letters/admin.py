"""The secretariat's screens for circular letters: drafts are edited, issuing and corrigenda go through
the services, issued letters are read-only and show the state of their PDFs."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from wsis_portal.lifecycle.audit import AuditedModelAdmin

from . import services
from .models import AddresseeGroup, CircularLetter, LetterFrozen, LetterPDF


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


class LetterPDFInline(admin.TabularInline):
    model = LetterPDF
    fields = ("language", "status", "file", "error", "finished_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(CircularLetter)
class CircularLetterAdmin(AuditedModelAdmin, TranslationAdmin):
    form = CircularLetterForm
    list_display = ("reference", "date", "subject", "state", "pdf_status", "corrigendum_of")
    list_filter = ("state", "edition")
    search_fields = ("reference", "subject_en", "subject_ar")
    date_hierarchy = "date"
    list_select_related = ("corrigendum_of",)
    readonly_fields = ("state", "issued_at", "issued_by", "corrigendum_of")
    inlines = [LetterPDFInline]
    actions = ["issue_letters", "make_corrigenda"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("pdfs")

    @admin.display(description=_("PDFs"))
    def pdf_status(self, letter):
        return ", ".join(f"{pdf.language}: {pdf.get_status_display()}" for pdf in letter.pdfs.all()) or "—"

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
                _("Draft corrigenda made: %(references)s.") % {"references": ", ".join(made)},
                messages.SUCCESS,
            )
        else:
            self.message_user(request, _("Only an issued letter can be corrected."), messages.WARNING)
