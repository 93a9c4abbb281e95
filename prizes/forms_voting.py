"""The secretariat's form to exclude votes: the reason is required, and kept with each vote."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ExcludeVotesForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for excluding the votes"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        help_text=_("Kept with each vote and in the audit log; it explains the counts."),
        error_messages={"required": _("Give the reason for excluding the votes.")},
    )

    def clean_reason(self):
        reason = " ".join(self.cleaned_data["reason"].split())
        if not reason:
            raise forms.ValidationError(_("Give the reason for excluding the votes."), code="required")
        return reason
