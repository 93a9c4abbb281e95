"""The forms a Member State's protocol office fills in through its invitation link: a request for a speaking
slot and the change of one. They validate input with translated messages (the uploads are checked by the
model's ``FileCheck``); ``forum_events.high_level`` stores what they return. And the secretariat's form of a
session in the admin: its interpretation languages ticked among the UN languages, and for a high-level
policy session its speaking slots, which must fit in its time."""

from django import forms
from django.conf import settings
from django.db.models import Count, Q
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext

from wsis_portal.editions.schedule import GENEVA

from .high_level import REQUEST_FIELDS
from .models import Session, SessionType, SlotRequest, session_languages

TEXT = {"dir": "auto"}
FILE_FIELDS = ("statement", "photo")
# A policy statement at the Forum lasts a few minutes; the bounds catch a typo (30 for 3, 0).
MINUTES_PER_SPEAKER = (1, 15)


def policy_sessions(edition):
    """The edition's high-level policy sessions that take requests, with their confirmed slots counted."""
    return (
        Session.objects.filter(
            edition=edition, kind=SessionType.HIGH_LEVEL_POLICY, is_cancelled=False, speaking_capacity__gt=0
        )
        .annotate(taken=Count("slot_requests", filter=Q(slot_requests__status=SlotRequest.Status.CONFIRMED)))
        .order_by("starts_at", "title")
    )


class SessionChoiceField(forms.ModelChoiceField):
    """A session offered with its time (Geneva) and its free slots."""

    def label_from_instance(self, session):
        free = max(session.speaking_capacity - session.taken, 0)
        slots = ngettext(
            "%(free)s of %(total)s slot free", "%(free)s of %(total)s slots free", session.speaking_capacity
        ) % {"free": free, "total": session.speaking_capacity}
        if session.starts_at is None:
            return f"{session.title} · {slots}"
        when = date_format(
            session.starts_at.astimezone(GENEVA), pgettext("date and time of a deadline", "j F Y, H:i")
        )
        return f"{session.title} · {when} ({_('Geneva time')}) · {slots}"


class SlotRequestChangeForm(forms.ModelForm):
    """The speaker, attendance, statement, biography and photo of a request (its session and choice stay)."""

    class Meta:
        model = SlotRequest
        fields = list(REQUEST_FIELDS)
        widgets = {
            "speaker_name": forms.TextInput(attrs={**TEXT, "autocomplete": "name"}),
            "speaker_title": forms.TextInput(attrs=TEXT),
            "attendance": forms.RadioSelect,
            # Not ClearableFileInput: it would link to the stored file, which is not public.
            "statement": forms.FileInput(attrs={"accept": ".pdf,.docx"}),
            "biography": forms.Textarea(attrs={**TEXT, "rows": 5}),
            "photo": forms.FileInput(attrs={"accept": ".png,.jpg,.jpeg"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        attendance = self.fields["attendance"]
        # A radio button for "no choice" means nothing: attendance is required.
        attendance.choices = [choice for choice in attendance.choices if choice[0] != ""]
        rank, language = self.fields["rank"], self.fields["statement_language"]
        rank.choices = [("", _("Choose the protocol rank")), *rank.choices[1:]]
        language.choices = [("", _("Not given")), *language.choices[1:]]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("statement") and not cleaned.get("statement_language"):
            self.add_error("statement_language", _("Say in which language the statement was written."))
        return cleaned

    def request_data(self):
        """What ``high_level.request_slot`` and ``update_request`` take; without a new upload the stored
        file stays."""
        return {
            name: self.cleaned_data[name]
            for name in REQUEST_FIELDS
            if not (name in FILE_FIELDS and self.cleaned_data.get(name) is None)
        }


class SlotRequestForm(SlotRequestChangeForm):
    """A new request: the session and whether it is the first or second choice, then the speaker."""

    session = SessionChoiceField(
        queryset=Session.objects.none(),
        label=_("High-level policy session"),
        empty_label=_("Choose a session"),
        error_messages={"invalid_choice": _("Choose one of this Forum's high-level policy sessions.")},
    )

    class Meta(SlotRequestChangeForm.Meta):
        fields = ["session", "preference", *REQUEST_FIELDS]
        widgets = {**SlotRequestChangeForm.Meta.widgets, "preference": forms.RadioSelect}

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = policy_sessions(edition)
        preference = self.fields["preference"]
        preference.choices = [choice for choice in preference.choices if choice[0] != ""]


class IsolatedCheckboxes(forms.CheckboxSelectMultiple):
    """Boxes to tick whose labels (names of action lines, SDGs) are each isolated in ``<bdi>``."""

    def create_option(self, *args, **kwargs):
        option = super().create_option(*args, **kwargs)
        option["label"] = format_html("<bdi>{}</bdi>", option["label"])
        return option


class SessionAdminForm(forms.ModelForm):
    """A session as the secretariat edits it. The interpretation languages are stored as before, a list of
    language codes, in the order of ``settings.UN_LANGUAGES``. A high-level policy session has at least one
    speaking slot (otherwise no Member State can request one), and once it is scheduled its slots times
    the minutes per speaker fit within its time."""

    languages = forms.MultipleChoiceField(
        label=_("interpretation languages"),
        choices=session_languages,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        minutes = self.fields.get("minutes_per_speaker")
        if minutes is not None:
            minutes.widget.attrs.update(min=MINUTES_PER_SPEAKER[0], max=MINUTES_PER_SPEAKER[1])

    def clean_languages(self):
        chosen = set(self.cleaned_data["languages"])
        return [code for code in settings.UN_LANGUAGES if code in chosen]

    def clean_minutes_per_speaker(self):
        minutes = self.cleaned_data["minutes_per_speaker"]
        low, high = MINUTES_PER_SPEAKER
        if not low <= minutes <= high:
            raise forms.ValidationError(
                _("Give between %(min)d and %(max)d minutes per speaker."),
                params={"min": low, "max": high},
                code="minutes",
            )
        return minutes

    def clean(self):
        cleaned = super().clean()
        if "speaking_capacity" not in self.fields or "minutes_per_speaker" not in self.fields:
            return cleaned
        slots, minutes = cleaned.get("speaking_capacity"), cleaned.get("minutes_per_speaker")
        if cleaned.get("kind") == SessionType.HIGH_LEVEL_POLICY and slots == 0:
            self.add_error(
                "speaking_capacity",
                forms.ValidationError(
                    _(
                        "A high-level policy session needs at least one speaking slot, or no Member State "
                        "can request to speak in it."
                    ),
                    code="no_slots",
                ),
            )
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if slots and minutes and starts and ends and ends > starts:
            length = int((ends - starts).total_seconds() // 60)
            if slots * minutes > length:
                self.add_error(
                    "speaking_capacity",
                    forms.ValidationError(
                        ngettext(
                            "The speaking slots take %(total)d minutes (slots × minutes per speaker), more "
                            "than the session's %(length)d minute.",
                            "The speaking slots take %(total)d minutes (slots × minutes per speaker), more "
                            "than the session's %(length)d minutes.",
                            length,
                        ),
                        params={"total": slots * minutes, "length": length},
                        code="too_long",
                    ),
                )
        return cleaned
