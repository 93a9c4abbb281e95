"""Profile, focal-point and sign-in forms; every message is translated."""

from allauth.account.forms import LoginForm
from django import forms
from django.contrib.auth.forms import AdminPasswordChangeForm, SetUnusablePasswordMixin
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wsis_portal.timezones import time_zone_choices, zone_label

from .countries import country_choices
from .emails import normalise_email
from .models import Organisation, StakeholderType, User


class ProfileForm(forms.ModelForm):
    time_zone = forms.ChoiceField(
        label=_("time zone"), required=False, help_text=User._meta.get_field("time_zone").help_text
    )

    class Meta:
        model = User
        fields = [
            "full_name",
            "job_title",
            "preferred_language",
            "time_zone",
            "stakeholder_type",
            "organisation",
            "country",
        ]
        widgets = {
            "full_name": forms.TextInput(attrs={"autocomplete": "name", "dir": "auto"}),
            "job_title": forms.TextInput(attrs={"autocomplete": "organization-title", "dir": "auto"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True
        self.fields["stakeholder_type"].required = True
        self.fields["country"].required = True
        zones = [("", _("Geneva time only")), *time_zone_choices()]
        kept = self.instance.time_zone
        if kept and not any(kept == name for _area, group in zones[1:] for name, _label in group):
            zones.append((kept, zone_label(kept)))  # a zone chosen before the list left old names out
        self.fields["time_zone"].choices = zones
        self.fields["organisation"].queryset = Organisation.objects.visible_to(self.instance)
        self.fields["organisation"].help_text = _(
            "Not in the list? Propose it on the “My organizations” page."
        )


class FocalPointRequestForm(forms.Form):
    """Act for an organisation from the list, or propose a new one."""

    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), required=False, label=_("Organization in the list")
    )
    new_name = forms.CharField(
        label=_("Name of a new organization"),
        max_length=250,
        required=False,
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
    new_acronym = forms.CharField(label=_("Acronym"), max_length=30, required=False)
    new_stakeholder_type = forms.ChoiceField(
        label=_("Stakeholder type"), required=False, choices=[("", "—")] + StakeholderType.choices
    )
    new_country = forms.ChoiceField(
        label=_("Country"), required=False, choices=lambda: [("", "—"), *country_choices()]
    )
    new_website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    motivation = forms.CharField(
        label=_("Your role in the organization"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["organisation"].queryset = Organisation.objects.visible_to(user)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        existing, new_name = data.get("organisation"), data.get("new_name", "").strip()
        if existing and new_name:
            raise forms.ValidationError(
                _("Choose an organization from the list or propose a new one, not both."), code="both"
            )
        if not existing and not new_name:
            raise forms.ValidationError(
                _("Choose an organization from the list or propose a new one."), code="neither"
            )
        if new_name:
            if not data.get("new_stakeholder_type"):
                self.add_error(
                    "new_stakeholder_type", _("Give the stakeholder type of the new organization.")
                )
            country = data.get("new_country") or ""
            if Organisation.objects.filter(name__iexact=new_name, country=country).exists():
                self.add_error("new_name", _("This organization is already known: choose it from the list."))
        return data

    def request_kwargs(self):
        """The keyword arguments of ``services.request_focal_point`` for this valid form."""
        data = self.cleaned_data
        if data["organisation"]:
            return {"organisation": data["organisation"], "motivation": data["motivation"]}
        return {
            "new_organisation": {
                "name": data["new_name"].strip(),
                "acronym": data["new_acronym"].strip(),
                "stakeholder_type": data["new_stakeholder_type"],
                "country": data["new_country"] or "",
                "website": data["new_website"],
            },
            "motivation": data["motivation"],
        }


class PortalLoginForm(LoginForm):
    """allauth's sign-in, finding the account whatever form of its address is typed (``normalise_email``)."""

    def clean_login(self):
        login = super().clean_login()
        try:
            return normalise_email(login)
        except ValidationError:
            return login  # an address kept from before the portal checked them, or none: looked up as typed


class AdminPasswordForm(AdminPasswordChangeForm):
    """The admin's "change password" form with its help in the reader's language: Django joins the help and
    its warning into one English string when it is imported, which no catalogue can translate."""

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        if "usable_password" in self.fields:
            self.fields["usable_password"].help_text = format_html(
                '{}<ul id="id_unusable_warning" class="messagelist"><li class="warning">{}</li></ul>',
                SetUnusablePasswordMixin.usable_password_help_text,
                _("If disabled, the current password for this user will be lost."),
            )
