"""The entry form (drafts, returned entries and revisions) and the secretariat's review form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wsis_portal.editions.models import ActionLine, GDCObjective, SustainableDevelopmentGoal
from wsis_portal.stakeholders import behalf
from wsis_portal.stakeholders.countries import country_choices
from wsis_portal.stakeholders.models import Organisation, Region

from .models import Entry

DESCRIPTION_MAX = 5000


class TagChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        number = getattr(obj, "number", None)
        return f"{number}. {obj.name}" if number else str(obj)


class EntryForm(forms.ModelForm):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        label=_("Organization"),
        help_text=_("The organization that carries out the work: one you are a confirmed focal point of."),
    )
    action_lines = TagChoiceField(
        queryset=ActionLine.objects.order_by("position"),
        label=_("WSIS Action Lines"),
        required=False,
        help_text=_("At least one."),
    )
    main_action_line = forms.ModelChoiceField(
        queryset=ActionLine.objects.order_by("position"),
        required=False,
        label=_("Main action line"),
        help_text=_("One of those chosen above; the first one if left empty."),
    )
    regions = TagChoiceField(queryset=Region.objects.order_by("position"), label=_("Regions"), required=False)
    countries = forms.MultipleChoiceField(
        choices=country_choices,
        required=False,
        label=_("Countries"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl (or ⌘) to choose several. Their regions are added for you."),
    )
    sdgs = TagChoiceField(
        queryset=SustainableDevelopmentGoal.objects.order_by("number"),
        required=False,
        label=_("Sustainable Development Goals"),
    )
    website = forms.URLField(
        required=False, assume_scheme="https", label=Entry._meta.get_field("website").verbose_name
    )
    gdc_objectives = TagChoiceField(
        queryset=GDCObjective.objects.order_by("number"),
        required=False,
        label=_("Global Digital Compact objectives"),
    )

    class Meta:
        model = Entry
        fields = [
            "kind",
            "title",
            "description",
            "language",
            "organisation",
            "is_global",
            "regions",
            "countries",
            "action_lines",
            "main_action_line",
            "sdgs",
            "gdc_objectives",
            "start_date",
            "end_date",
            "work_status",
            "website",
            "contact_name",
            "contact_email",
            "attachment",
        ]
        widgets = {
            "title": forms.TextInput(attrs={"dir": "auto"}),
            "description": forms.Textarea(attrs={"rows": 8, "dir": "auto", "maxlength": DESCRIPTION_MAX}),
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "contact_name": forms.TextInput(attrs={"dir": "auto"}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        behalf.organisation_field(self.fields["organisation"], user, personal=False)
        entry = self.instance
        if entry.pk:
            links = list(entry.action_line_links.all())
            self.initial.update(
                {
                    "action_lines": [link.action_line_id for link in links],
                    "main_action_line": next((link.action_line_id for link in links if link.is_main), None),
                    "countries": [link.country.code for link in entry.country_links.all()],
                    "regions": list(entry.regions.values_list("pk", flat=True)),
                    "sdgs": list(entry.sdgs.values_list("pk", flat=True)),
                    "gdc_objectives": list(entry.gdc_objectives.values_list("pk", flat=True)),
                }
            )
        elif user.organisation_id and not self.initial.get("organisation"):
            # model_to_dict gives a new entry organisation=None: replace it, do not setdefault.
            self.initial["organisation"] = user.organisation_id

    def clean_description(self):
        description = self.cleaned_data["description"].strip()
        if len(description) > DESCRIPTION_MAX:
            raise forms.ValidationError(
                _("Keep the description under %(max)d characters."),
                params={"max": DESCRIPTION_MAX},
                code="too_long",
            )
        return description

    def clean(self):
        data = super().clean()
        lines = list(data.get("action_lines") or [])
        if not lines:
            self.add_error(
                "action_lines", forms.ValidationError(_("Choose at least one action line."), code="required")
            )
        main = data.get("main_action_line")
        if main and lines and main not in lines:
            self.add_error(
                "main_action_line", _("The main action line must be one of the action lines chosen.")
            )
        if not (data.get("is_global") or data.get("regions") or data.get("countries")):
            self.add_error(
                "is_global", _("Say where the work takes place: worldwide, or in which regions or countries.")
            )
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date is before the start date."))
        return data

    def content(self):
        """The cleaned data in the shape ``services.save_content`` takes."""
        return dict(self.cleaned_data)


class ReviewForm(forms.Form):
    """The secretariat's decision on a submitted entry."""

    DECISIONS = (
        ("approve", _("Approve and publish")),
        ("return", _("Return for changes")),
        ("reject", _("Reject")),
    )
    decision = forms.ChoiceField(choices=DECISIONS, widget=forms.RadioSelect, label=_("Decision"))
    comment = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        label=_("Comment or reason"),
        help_text=_("Required to return or reject; the submitter reads it."),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") in ("return", "reject") and not data.get("comment", "").strip():
            self.add_error("comment", _("Write what should change, or why the entry is not accepted."))
        return data
