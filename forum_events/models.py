"""The Forum week's agenda: its sessions. Built so far as far as the open consultation needs it (an
accepted workshop request becomes a session); the schedule, speakers and high-level track come later."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wsis_portal.editions.models import ActionLine, Edition, Format, SustainableDevelopmentGoal


class SessionType(models.TextChoices):
    OPENING = "opening", _("Opening segment")
    HIGH_LEVEL_POLICY = "high_level_policy", _("High-level policy session")
    MINISTERIAL_ROUND_TABLE = "ministerial_round_table", _("Ministerial round table")
    HIGH_LEVEL_DIALOGUE = "high_level_dialogue", _("High-level dialogue")
    ACTION_LINE_MEETING = "action_line_meeting", _("Action Line meeting")
    WORKSHOP = "workshop", _("Thematic workshop")
    KNOWLEDGE_CAFE = "knowledge_cafe", _("Knowledge café")
    TALKX = "talkx", _("WSIS TalkX")
    PRIZE_CEREMONY = "prize_ceremony", _("Prize ceremony")
    NETWORKING = "networking", _("Networking event")
    EXHIBITION = "exhibition", _("Exhibition")


def session_languages():
    return list(settings.UN_LANGUAGES.items())


class Session(models.Model):
    """One session of a Forum week. Title and description are written in every portal language."""

    edition = models.ForeignKey(
        Edition, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("edition")
    )
    kind = models.CharField(_("type"), max_length=30, choices=SessionType.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    format = models.CharField(_("format"), max_length=12, choices=Format.choices, default=Format.HYBRID)
    day = models.DateField(_("day"), null=True, blank=True, help_text=_("Empty until it is scheduled."))
    organisers = models.TextField(_("organizers"), blank=True, help_text=_("One per line."))
    languages = models.JSONField(_("languages of the session"), default=list, blank=True)
    action_lines = models.ManyToManyField(
        ActionLine, blank=True, related_name="+", verbose_name=_("action lines")
    )
    sdgs = models.ManyToManyField(
        SustainableDevelopmentGoal,
        blank=True,
        related_name="+",
        verbose_name=_("Sustainable Development Goals"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["edition", "day", "title"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("forum_events:session", args=[self.pk])

    @property
    def organiser_list(self):
        return [line.strip() for line in self.organisers.splitlines() if line.strip()]

    @property
    def language_names(self):
        return [settings.UN_LANGUAGES.get(code, code) for code in self.languages]
