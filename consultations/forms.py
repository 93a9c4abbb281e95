"""The forms stakeholders fill in for the open consultation: a contribution, a binding workshop request with
its proposed speakers, and a nomination of a high-level track facilitator. They validate input with
translated messages; ``services.save`` stores what they return."""

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from wsis_portal.editions.models import ActionLine, SustainableDevelopmentGoal
from wsis_portal.languages import un_languages
from wsis_portal.stakeholders import behalf
from wsis_portal.stakeholders.models import Organisation

from .models import Contribution, FacilitatorNomination, Speaker, Topic, WorkshopRequest

TEXT = {"dir": "auto"}


class ConsultationItemForm(forms.ModelForm):
    """What the three forms share: the organisation the item is sent for, among those the user may choose,
    and ``content()`` in the shape ``services.save`` takes."""

    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        label=_("On behalf of"),
        help_text=_(
            "An organization you are a confirmed focal point of, or your own name: its stakeholder type and "
            "country are then those of your profile."
        ),
    )
    # Many-to-many fields, given to ``services.save`` as relations.
    relation_names: tuple = ()

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        item = self.instance
        behalf.organisation_field(
            self.fields["organisation"], user, personal=item.pk is None or item.owner_id == user.pk
        )
        if item.pk is None:
            # model_to_dict gives a new item organisation=None and the model default: replace them.
            self.initial["organisation"] = (
                user.organisation_id
                if behalf.organisations_of(user).filter(pk=user.organisation_id)
                else None
            )
            language = translation.get_language()
            self.initial["language"] = language if language in settings.UN_LANGUAGES else "en"
        for field in self.fields.values():
            if isinstance(field.widget, forms.RadioSelect):
                # A radio button for "no choice" means nothing: the field is required.
                field.choices = [choice for choice in field.choices if choice[0] != ""]

    def content(self):
        """``(fields, relations)``: the model fields and the many-to-many values to save."""
        fields = dict(self.cleaned_data)
        relations = {name: fields.pop(name) for name in self.relation_names}
        return fields, relations


class ContributionForm(ConsultationItemForm):
    topics = forms.ModelMultipleChoiceField(
        queryset=Topic.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        label=_("Topics"),
        help_text=_("At least one."),
        error_messages={"required": _("Choose at least one topic.")},
    )
    action_lines = forms.ModelMultipleChoiceField(
        queryset=ActionLine.objects.order_by("position"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("WSIS Action Lines"),
    )
    relation_names = ("topics", "action_lines")

    class Meta:
        model = Contribution
        fields = ["kind", "title", "text", "language", "organisation", "topics", "action_lines"]
        widgets = {
            "kind": forms.RadioSelect,
            "title": forms.TextInput(attrs=TEXT),
            "text": forms.Textarea(attrs={**TEXT, "rows": 12}),
        }


class WorkshopRequestForm(ConsultationItemForm):
    action_lines = forms.ModelMultipleChoiceField(
        queryset=ActionLine.objects.order_by("position"),
        widget=forms.CheckboxSelectMultiple,
        label=_("WSIS Action Lines"),
        help_text=_("At least one."),
        error_messages={"required": _("Choose at least one action line.")},
    )
    sdgs = forms.ModelMultipleChoiceField(
        queryset=SustainableDevelopmentGoal.objects.order_by("number"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Sustainable Development Goals"),
    )
    session_languages = forms.MultipleChoiceField(
        choices=un_languages,
        widget=forms.CheckboxSelectMultiple,
        label=_("Languages of the session"),
        help_text=_("At least one."),
        error_messages={"required": _("Choose at least one language for the session.")},
    )
    relation_names = ("action_lines", "sdgs")

    class Meta:
        model = WorkshopRequest
        fields = [
            "title",
            "description",
            "language",
            "format",
            "organisers",
            "organisation",
            "action_lines",
            "sdgs",
            "session_languages",
            "preferred_day",
            "hybrid_needs",
        ]
        widgets = {
            "title": forms.TextInput(attrs=TEXT),
            "description": forms.Textarea(attrs={**TEXT, "rows": 8}),
            "format": forms.RadioSelect,
            "organisers": forms.Textarea(attrs={**TEXT, "rows": 3}),
            "preferred_day": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "hybrid_needs": forms.Textarea(attrs={**TEXT, "rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        edition = self.instance.consultation.edition
        self.fields["preferred_day"].widget.attrs.update(
            min=edition.starts_on.isoformat(), max=edition.ends_on.isoformat()
        )
        self.fields["preferred_day"].help_text = _("A day of the Forum week, from %(start)s to %(end)s.") % {
            "start": date_format(edition.starts_on, "j F Y"),
            "end": date_format(edition.ends_on, "j F Y"),
        }

    def clean_preferred_day(self):
        day = self.cleaned_data["preferred_day"]
        edition = self.instance.consultation.edition
        if day and not edition.starts_on <= day <= edition.ends_on:
            raise forms.ValidationError(
                _("Choose a day of the Forum week, from %(start)s to %(end)s."),
                params={
                    "start": date_format(edition.starts_on, "j F Y"),
                    "end": date_format(edition.ends_on, "j F Y"),
                },
                code="outside_forum",
            )
        return day


class SpeakerForm(forms.ModelForm):
    class Meta:
        model = Speaker
        fields = ["name", "organisation", "gender", "stakeholder_type", "country"]
        widgets = {"name": forms.TextInput(attrs=TEXT), "organisation": forms.TextInput(attrs=TEXT)}


class BaseSpeakerFormSet(forms.BaseFormSet):
    """The proposed speakers, in order: blank rows are ignored, at least one and at most the consultation's
    limit, checked here on the server whatever the page sent."""

    def __init__(self, *args, max_speakers, **kwargs):
        self.max_speakers = max_speakers
        super().__init__(*args, **kwargs)

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["DELETE"].label = _("Remove this speaker")

    def initial_form_count(self):
        # Every row may be left blank: a blank row is no speaker, not an error.
        return 0

    def speakers(self):
        """The speakers entered, as field dicts in the order of the rows (call after ``is_valid``)."""
        return [
            {name: value for name, value in form.cleaned_data.items() if name != "DELETE"}
            for form in self.forms
            if form.has_changed() and not self._should_delete_form(form)
        ]

    def clean(self):
        if any(self.errors):
            return
        count = len(self.speakers())
        if count > self.max_speakers:
            raise forms.ValidationError(
                _("Propose at most %(max)d speakers."), params={"max": self.max_speakers}, code="too_many"
            )
        if count < 1:
            raise forms.ValidationError(_("Propose at least one speaker."), code="too_few")


def speaker_formset(data, request):
    """The speaker rows of workshop request ``request``: its speakers, then blank rows up to the limit."""
    limit = request.consultation.max_speakers
    initial = []
    if data is None and request.pk:
        initial = [
            {field: getattr(speaker, field) for field in SpeakerForm._meta.fields}
            for speaker in request.speakers.all()
        ]
    # Bound rows are compared with blank ones (no initial), so that an unchanged speaker still counts.
    rows = max(limit, len(initial))
    # A page that sends a few rows too many is refused with the limit; one that claims thousands of rows
    # is refused by Django before they are built (its default bound is 1,000 rows more than max_num).
    formset = forms.formset_factory(
        SpeakerForm,
        formset=BaseSpeakerFormSet,
        extra=rows,
        max_num=rows,
        absolute_max=2 * rows,
        can_delete=True,
    )
    return formset(data, initial=initial, prefix="speakers", max_speakers=limit)


class NominationForm(ConsultationItemForm):
    class Meta:
        model = FacilitatorNomination
        fields = [
            "nominee_group",
            "nominee_name",
            "nominee_email",
            "nominee_organisation",
            "biography",
            "language",
            "organisation",
        ]
        widgets = {
            "nominee_name": forms.TextInput(attrs=TEXT),
            "nominee_organisation": forms.TextInput(attrs=TEXT),
            "biography": forms.Textarea(attrs={**TEXT, "rows": 6}),
        }
        help_texts = {
            "nominee_email": _("We write to the nominee at this address to ask whether they agree."),
        }
