"""The Forum week's agenda: its sessions with their schedule, rooms, remote links, moderators and speakers,
and, once the agenda is published, the public record of every later change."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wsis_portal.editions.models import ActionLine, Edition, Format, SustainableDevelopmentGoal
from wsis_portal.editions.schedule import GENEVA
from wsis_portal.languages import language_name, portal_languages, un_languages


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
    return un_languages()


class Session(models.Model):
    """One session of a Forum week. Title and description are written in every portal language."""

    edition = models.ForeignKey(
        Edition, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("edition")
    )
    kind = models.CharField(_("type"), max_length=30, choices=SessionType.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    format = models.CharField(_("format"), max_length=12, choices=Format.choices, default=Format.HYBRID)
    day = models.DateField(
        _("day"),
        null=True,
        blank=True,
        help_text=_("Empty until it is scheduled; set from the start when there is one (Geneva time)."),
    )
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    room = models.CharField(_("room"), max_length=120, blank=True)
    remote_link = models.URLField(_("link for remote participation"), blank=True)
    recording_url = models.URLField(_("recording"), blank=True)
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    organisers = models.TextField(_("organizers"), blank=True, help_text=_("One per line."))
    languages = models.JSONField(_("interpretation languages"), default=list, blank=True)
    speaking_capacity = models.PositiveSmallIntegerField(
        _("speaking slots"),
        default=0,
        help_text=_("For a high-level policy session: how many Member States may deliver a statement."),
    )
    minutes_per_speaker = models.PositiveSmallIntegerField(_("minutes per speaker"), default=3)
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
        ordering = ["edition", "day", "starts_at", "title"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_at__isnull=True, ends_at__isnull=True)
                | Q(starts_at__isnull=False, ends_at__isnull=False, ends_at__gt=models.F("starts_at")),
                name="session_ends_after_it_starts",
            ),
        ]
        indexes = [models.Index(fields=["edition", "day", "starts_at"], name="session_schedule")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.starts_at is not None:
            self.day = self.starts_at.astimezone(GENEVA).date()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("forum_events:session", args=[self.pk])

    @property
    def organiser_list(self):
        return [line.strip() for line in self.organisers.splitlines() if line.strip()]

    @property
    def language_names(self):
        return [language_name(code) for code in self.languages]


class SessionSpeaker(models.Model):
    """A moderator or speaker of a session, told by e-mail (in their language) when it changes."""

    class Role(models.TextChoices):
        MODERATOR = "moderator", _("Moderator")
        SPEAKER = "speaker", _("Speaker")

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="speakers", verbose_name=_("session")
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.SPEAKER)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title or position"), max_length=200, blank=True)
    organisation = models.CharField(_("organization"), max_length=250, blank=True)
    email = models.EmailField(
        _("e-mail"), blank=True, help_text=_("Not shown; used to tell them of changes.")
    )
    language = models.CharField(
        _("language for e-mails"), max_length=10, choices=portal_languages, default="en"
    )

    class Meta:
        ordering = ["session", "role", "position", "pk"]
        verbose_name = _("moderator or speaker")
        verbose_name_plural = _("moderators and speakers")

    def __str__(self):
        return self.name


class Agenda(models.Model):
    """The agenda of an edition: once published, every change of a session is recorded in public."""

    edition = models.OneToOneField(
        Edition, on_delete=models.CASCADE, related_name="agenda", verbose_name=_("edition")
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("agenda")
        verbose_name_plural = _("agendas")

    def __str__(self):
        return str(self.edition)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class SessionChange(models.Model):
    """A change of a published session that the public and its speakers must know of."""

    class Kind(models.TextChoices):
        TIME = "time", _("New time")
        ROOM = "room", _("New room")
        FORMAT = "format", _("New format")
        CANCELLED = "cancelled", _("Cancelled")
        REINSTATED = "reinstated", _("Reinstated")

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="changes", verbose_name=_("session")
    )
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    kind = models.CharField(_("change"), max_length=12, choices=Kind.choices)
    before = models.CharField(_("before"), max_length=200, blank=True)
    after = models.CharField(_("after"), max_length=200, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("change of a session")
        verbose_name_plural = _("changes of sessions")

    def __str__(self):
        return f"{self.session}: {self.get_kind_display()}"
