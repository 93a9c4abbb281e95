"""The expert's forms: a score on the seven WSIS criteria (0 to 10, each with the weight the cycle gives
it) with a comment, and the declaration of a conflict of interest. Input is checked here with translated
messages; who may score what, and until when, is the services' (``prizes.review``)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import HIGHEST_SCORE, ConflictOfInterest, Criterion
from .review import OUT_OF_RANGE


class ScoreForm(forms.Form):
    """The seven criteria as whole numbers from 0 to 10, labelled with the criterion and its weight."""

    comment = forms.CharField(
        required=False,
        label=_("Comment for the secretariat"),
        help_text=_("Optional: what the scores do not say."),
        widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}),
    )

    def __init__(self, *args, weights, **kwargs):
        super().__init__(*args, **kwargs)
        criteria = {}
        for criterion in Criterion:
            criteria[criterion.value] = forms.IntegerField(
                label=criterion.label,
                min_value=0,
                max_value=HIGHEST_SCORE,
                help_text=_("Weight: %(weight)s%% of the score.")
                % {"weight": round(weights[criterion.value] * 100)},
                error_messages={
                    key: OUT_OF_RANGE for key in ("required", "invalid", "min_value", "max_value")
                },
                widget=forms.NumberInput(attrs={"min": 0, "max": HIGHEST_SCORE, "step": 1}),
            )
        self.fields = {**criteria, "comment": self.fields["comment"]}

    def content(self):
        """The cleaned data in the shape ``review.save_score`` takes."""
        return dict(self.cleaned_data)


def initial_of(score):
    """What the form starts from: the expert's score at this stage, if any."""
    if score is None:
        return {}
    return {name: getattr(score, name) for name in (*(c.value for c in Criterion), "comment")}


class ConflictForm(forms.ModelForm):
    class Meta:
        model = ConflictOfInterest
        fields = ["reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 4, "dir": "auto"})}
        error_messages = {"reason": {"required": _("Say what your interest in this project is.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].help_text = _(
            "For example: you work for the organization, advise the project or are related to its team."
        )
