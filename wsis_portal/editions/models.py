"""Forum editions with their phases and deadlines, and the WSIS reference data every process tags with."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import schedule


class Process(models.TextChoices):
    """The four processes of a Forum edition; each one's phases are kept here, its data in its own app."""

    CONSULTATION = "consultations", _("Open Consultation Process")
    STOCKTAKING = "stocktaking", _("WSIS Stocktaking")
    PRIZES = "prizes", _("WSIS Prizes")
    FORUM = "forum_events", _("Forum agenda and high-level track")


class Format(models.TextChoices):
    """How people take part in a meeting or session."""

    IN_PERSON = "in_person", _("In person")
    VIRTUAL = "virtual", _("Virtual")
    HYBRID = "hybrid", _("Hybrid (in person with remote participation)")


class EditionQuerySet(models.QuerySet):
    def current(self):
        """The edition whose Forum is next or under way; after the last Forum, the latest edition."""
        today = schedule.now().astimezone(schedule.GENEVA).date()
        upcoming = self.filter(ends_on__gte=today).order_by("starts_on").first()
        return upcoming or self.order_by("-year").first()


class Edition(models.Model):
    """One yearly WSIS Forum in Geneva, with the processes that prepare it."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    theme = models.CharField(_("theme"), max_length=300, blank=True)
    starts_on = models.DateField(_("Forum starts on"))
    ends_on = models.DateField(_("Forum ends on"))
    venue = models.CharField(_("venue"), max_length=200)
    is_hybrid = models.BooleanField(_("hybrid (in person with remote participation)"), default=True)

    objects = EditionQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("Forum edition")
        verbose_name_plural = _("Forum editions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="edition_dates_ordered"
            ),
        ]

    def __str__(self):
        return _("WSIS Forum %(year)s") % {"year": self.year}


class Phase(models.Model):
    """A dated step of one process in one edition, ending at its deadline (an instant, set in Geneva time)."""

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="phases", verbose_name=_("edition")
    )
    process = models.CharField(_("process"), max_length=20, choices=Process.choices)
    key = models.SlugField(
        _("key"),
        max_length=40,
        help_text=_("Stable name the process uses to find this phase, e.g. “submission”."),
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(
        _("deadline"), null=True, blank=True, help_text=_("Leave empty for a phase that stays open.")
    )

    class Meta:
        ordering = ["edition", "process", "opens_at"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "process", "key"], name="phase_key_unique_per_process"
            ),
            models.CheckConstraint(
                condition=Q(closes_at__isnull=True) | Q(closes_at__gt=models.F("opens_at")),
                name="phase_closes_after_it_opens",
            ),
        ]

    def __str__(self):
        return f"{self.edition.year} · {self.get_process_display()} · {self.name}"

    @property
    def is_open(self) -> bool:
        return schedule.is_open(self)


class ActionLine(models.Model):
    """A WSIS Action Line of the Geneva Plan of Action (C1–C11), or one of C7's eight e-applications."""

    code = models.CharField(_("code"), max_length=12, unique=True)
    name = models.CharField(_("name"), max_length=300)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        ordering = ["position"]
        verbose_name = _("action line")
        verbose_name_plural = _("action lines")

    def __str__(self):
        return f"{self.code} {self.name}"


class SustainableDevelopmentGoal(models.Model):
    """One of the 17 Sustainable Development Goals of the 2030 Agenda."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["number"]
        verbose_name = _("Sustainable Development Goal")
        verbose_name_plural = _("Sustainable Development Goals")

    def __str__(self):
        return _("SDG %(number)s: %(name)s") % {"number": self.number, "name": self.name}


class GDCObjective(models.Model):
    """One of the objectives of the Global Digital Compact."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name"), max_length=300)

    class Meta:
        ordering = ["number"]
        verbose_name = _("Global Digital Compact objective")
        verbose_name_plural = _("Global Digital Compact objectives")

    def __str__(self):
        return _("GDC objective %(number)s: %(name)s") % {"number": self.number, "name": self.name}
