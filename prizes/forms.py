"""The project form for a draft (an entity's own project or a nomination). It checks the input with
translated messages; the eligibility rules are the services' and come back onto its fields."""

from django import forms
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from stocktaking.models import Entry
from wsis_portal.direction import isolated_text
from wsis_portal.editions.forms import RequiredPhasesForm
from wsis_portal.editions.models import GDCObjective, Process, SustainableDevelopmentGoal
from wsis_portal.stakeholders import behalf
from wsis_portal.stakeholders.countries import country_choices
from wsis_portal.stakeholders.models import Organisation, Region

from . import services
from .models import PrizeCategory, PrizeCycle, Submission, un_language_choices

TEXT = {"dir": "auto"}


class CategoryField(forms.ModelChoiceField):
    def label_from_instance(self, category):
        return f"{category.action_line.code} {category.action_line.name}"


class TagField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return f"{obj.number}. {obj.name}"


class EntryField(forms.ModelChoiceField):
    def label_from_instance(self, entry):
        if not entry.reference:
            return entry.title
        return f"{isolated_text(entry.reference)} — {isolated_text(entry.title)}"


class SubmissionForm(forms.ModelForm):
    category = CategoryField(
        queryset=PrizeCategory.objects.select_related("action_line"),
        label=_("Category"),
        help_text=_("A project is entered in exactly one category."),
    )
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("Organization"))
    sdgs = TagField(
        queryset=SustainableDevelopmentGoal.objects.order_by("number"),
        required=False,
        label=_("Sustainable Development Goals"),
        help_text=_("At least one."),
    )
    gdc_objectives = TagField(
        queryset=GDCObjective.objects.order_by("number"),
        required=False,
        label=_("Global Digital Compact objectives"),
        help_text=_("At least one."),
    )
    stocktaking_entry = EntryField(
        queryset=Submission.objects.none(),
        required=False,
        label=_("Stocktaking entry of the project"),
        help_text=_("Optional: one of your entries in the WSIS Stocktaking that describes this project."),
    )
    website = forms.URLField(required=False, assume_scheme="https", label=_("Website"))

    class Meta:
        model = Submission
        fields = list(services.CONTENT_FIELDS)
        widgets = {
            "title": forms.TextInput(attrs=TEXT),
            "short_description": forms.Textarea(attrs={**TEXT, "rows": 6}),
            "description": forms.Textarea(attrs={**TEXT, "rows": 10}),
            "impact_qualitative": forms.Textarea(attrs={**TEXT, "rows": 5}),
            "impact_quantitative": forms.Textarea(attrs={**TEXT, "rows": 5}),
            "partnerships": forms.Textarea(attrs={**TEXT, "rows": 4}),
            "challenges": forms.Textarea(attrs={**TEXT, "rows": 4}),
            "future_plans": forms.Textarea(attrs={**TEXT, "rows": 4}),
            "project_status": forms.RadioSelect,
            "contact_name": forms.TextInput(attrs=TEXT),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        submission = self.instance
        cycle = submission.cycle
        nominating = submission.is_nomination
        if nominating:
            self.fields["organisation"].queryset = Organisation.objects.visible_to(user).order_by("name")
            self.fields["organisation"].help_text = _("The organization that runs the project you nominate.")
            self.fields["contact_email"].help_text = _(
                "We write to the project's contact at this address: the nomination counts once they "
                "confirm it."
            )
            del self.fields["stocktaking_entry"]
        else:
            behalf.organisation_field(self.fields["organisation"], user, personal=False)
            self.fields["organisation"].help_text = _(
                "The organization that runs the project: one you are a confirmed focal point of."
            )
            self.fields["stocktaking_entry"].queryset = services.linkable_entries(user).order_by("title")
            for name in ("contact_name", "contact_email"):
                self.fields[name].help_text = _(
                    "Optional: the person who can answer questions on the project."
                )
        self.fields["language"].choices = [
            (code, name) for code, name in self.fields["language"].choices if code in cycle.content_languages
        ]
        self.fields["short_description"].help_text = _("From %(min)d to %(max)d words.") % {
            "min": cycle.short_description_min_words,
            "max": cycle.short_description_max_words,
        }
        self.fields["project_status"].choices = [c for c in self.fields["project_status"].choices if c[0]]
        self.fields["project_status"].help_text = _(
            "Only projects that are completed or at the end of a major phase can be submitted."
        )
        if submission.pk is None:
            # A new instance gives language "" and organisation None: fill them unless the view did.
            language = translation.get_language()
            if not self.initial.get("language") and language in cycle.content_languages:
                self.initial["language"] = language
            if (
                not nominating
                and not self.initial.get("organisation")
                and self.fields["organisation"].queryset.filter(pk=user.organisation_id).exists()
            ):
                self.initial["organisation"] = user.organisation_id

    def content(self):
        """The cleaned data in the shape ``services.save_draft`` takes."""
        return dict(self.cleaned_data)

    def show_refusal(self, error):
        """Show on the saved draft's fields why it could not be sent (``services.refusal``), without
        binding the form: the boxes keep the draft's stored values."""
        self.cleaned_data = {}
        self.add_error(None, error)


class StocktakingCoverageForm(forms.Form):
    """What a stocktaking entry needs that a prize project does not say: where the work takes place (the
    stocktaking's own rule) and when."""

    is_global = forms.BooleanField(
        required=False, label=capfirst(Entry._meta.get_field("is_global").verbose_name)
    )
    regions = forms.ModelMultipleChoiceField(
        queryset=Region.objects.order_by("position"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Regions"),
    )
    countries = forms.MultipleChoiceField(
        choices=country_choices,
        required=False,
        label=_("Countries"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl (or ⌘) to choose several. Their regions are added for you."),
    )
    start_date = forms.DateField(
        required=False,
        label=capfirst(Entry._meta.get_field("start_date").verbose_name),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    end_date = forms.DateField(
        required=False,
        label=capfirst(Entry._meta.get_field("end_date").verbose_name),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean(self):
        data = super().clean()
        if not (data.get("is_global") or data.get("regions") or data.get("countries")):
            self.add_error(
                "is_global", _("Say where the work takes place: worldwide, or in which regions or countries.")
            )
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date is before the start date."))
        return data


class PrizeCycleForm(RequiredPhasesForm.for_process(Process.PRIZES)):
    """The secretariat's form of a cycle: refused while its edition lacks a phase the cycle needs; the
    languages projects may be written in are ticked, not typed as JSON."""

    content_languages = forms.MultipleChoiceField(
        choices=un_language_choices,
        widget=forms.CheckboxSelectMultiple,
        label=capfirst(PrizeCycle._meta.get_field("content_languages").verbose_name),
        error_messages={"required": _("Tick at least one language: projects are written in it.")},
    )

    class Meta:
        model = PrizeCycle
        fields = "__all__"
