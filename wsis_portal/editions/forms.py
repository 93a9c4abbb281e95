"""The secretariat's forms for phases: a phase is picked from those its process declares (``phases``), never
typed, and a process is set up for an edition only once the edition has every phase the process needs."""

from django import forms
from django.conf import settings
from django.db.models import BLANK_CHOICE_DASH
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from . import phases
from .models import Phase, Process


class PhaseKeySelect(forms.Select):
    """The declared phases grouped by process; each option says its process (``data-process``) so that the
    page can offer only the phases of the process chosen (``js/phase_keys.js``)."""

    processes: tuple = ()  # the process of each entry of ``choices``, in the same order

    def optgroups(self, name, value, attrs=None):
        groups = super().optgroups(name, value, attrs)
        for _group_name, options, index in groups:
            process = self.processes[index] if index < len(self.processes) else None
            for option in options:
                if process:
                    option["attrs"]["data-process"] = process
        return groups


class PhaseForm(forms.ModelForm):
    key = forms.ChoiceField(
        label=_("phase"),
        widget=PhaseKeySelect(attrs={"data-phase-key": ""}),
        help_text=_("One of the phases the chosen process declares; the process finds it by this choice."),
    )

    class Meta:
        model = Phase
        fields = ("edition", "process", "key", "name", "description", "opens_at", "closes_at")

    class Media:
        js = ("js/phase_keys.js",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["key"]
        groups, processes = [], [None]
        for process in Process:
            options = [(phase.key, phase.label) for phase in phases.declared(process)]
            stored = self.instance.pk and self.instance.process == process.value and self.instance.key
            if stored and phases.get(process, stored) is None:
                # Shown as it is rather than silently replaced by the first phase; saving asks for a choice.
                options.append((stored, _("“%(key)s” (not a phase of this process)") % {"key": stored}))
            if options:
                groups.append((process.label, options))
                processes.append(process.value)
        field.choices = [*BLANK_CHOICE_DASH, *groups]
        field.widget.processes = tuple(processes)
        for language in settings.MODELTRANSLATION_LANGUAGES:
            name = self.fields.get(f"name_{language}")
            if name is not None:
                name.required = False
                name.help_text = _("Leave empty to use the name the process gives this phase.")

    def clean(self):
        cleaned = super().clean()
        process, key = cleaned.get("process"), cleaned.get("key")
        declared = phases.get(process, key) if process and key else None
        if declared is not None:
            for language in settings.MODELTRANSLATION_LANGUAGES:
                if f"name_{language}" in self.fields and not cleaned.get(f"name_{language}"):
                    with translation.override(language):
                        cleaned[f"name_{language}"] = str(declared.label)
        stored = self.instance
        if stored.pk and (stored.process, stored.key) != (process, key):
            original = Phase.objects.select_related("edition").get(pk=stored.pk)
            error = phases.removal_error(original)
            if error:
                self.add_error("key", forms.ValidationError(error, code="required_phase_in_use"))
        if process and key and declared is None:
            self.add_error(
                "key",
                forms.ValidationError(
                    _("Choose one of the phases of the %(process)s."),
                    code="undeclared_phase",
                    params={"process": Process(process).label},
                ),
            )
        return cleaned


class PhaseFormSet(forms.BaseInlineFormSet):
    """The phases of an edition: a phase its process needs, once the process is set up, is not deleted."""

    def clean(self):
        super().clean()
        for form in self.deleted_forms:
            if form.instance.pk:
                error = phases.removal_error(Phase.objects.select_related("edition").get(pk=form.instance.pk))
                if error:
                    raise forms.ValidationError(error, code="required_phase_in_use")


class RequiredPhasesForm(forms.ModelForm):
    """The admin form of a process's set-up for an edition (a prize cycle, a consultation): refused while
    the edition lacks a phase the process requires, with a message naming it."""

    process: Process

    @classmethod
    def for_process(cls, process: Process):
        return type(f"{process.name.title()}RequiredPhasesForm", (cls,), {"process": process})

    def clean(self):
        cleaned = super().clean()
        edition = cleaned.get("edition") if "edition" in self.fields else self.instance.edition
        if edition is not None:
            try:
                phases.check_required(edition, self.process)
            except forms.ValidationError as error:
                self.add_error("edition" if "edition" in self.fields else None, error)
        return cleaned
