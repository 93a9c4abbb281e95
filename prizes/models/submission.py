"""The WSIS Prizes: a cycle per Forum edition, the 18 categories tied to the action lines, and the projects
submitted (by the entity that runs them) or nominated (by someone else, confirmed by the project's contact).

A cycle's dates are the edition's phases of the "prizes" process (``editions.Phase``): submission,
nomination, voting, selection and ceremony, each found by its key.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from stocktaking.models import Entry
from wsis_portal.editions.models import ActionLine, Edition, GDCObjective, Process, SustainableDevelopmentGoal
from wsis_portal.editions.schedule import is_open
from wsis_portal.languages import content_languages, language_name, un_languages
from wsis_portal.lifecycle import models as lifecycle
from wsis_portal.stakeholders import behalf

# The many-to-many tags of a submission: the goals and objectives it serves.
RELATIONS = ("sdgs", "gdc_objectives")
# Keys of the cycle's phases (``editions.Phase.key`` of process "prizes").
SUBMISSION_PHASE = "submission"
NOMINATION_PHASE = "nomination"
VOTING_PHASE = "voting"
SELECTION_PHASE = "selection"
CEREMONY_PHASE = "ceremony"


class Criterion(models.TextChoices):
    """The WSIS criteria experts score a project on, each from 0 to 10."""

    RESULTS_IMPACT = "results_impact", _("Results and impact")
    COMMUNITY_EMPOWERMENT = "community_empowerment", _("Community empowerment")
    SDG_RELEVANCE = "sdg_relevance", _("Relevance to the SDGs")
    REPLICATION = "replication", _("Replication potential")
    SUSTAINABILITY = "sustainability", _("Sustainability")
    PARTNERSHIPS = "partnerships", _("Partnerships")
    WSIS_VALUES = "wsis_values", _("WSIS values")


def default_criteria_weights():
    return {criterion.value: 1 for criterion in Criterion}


def un_language_choices():
    return un_languages()


class PrizeCycle(models.Model):
    """The WSIS Prizes of one edition, with the rules the secretariat sets for its submissions."""

    edition = models.OneToOneField(
        Edition, on_delete=models.CASCADE, related_name="prize_cycle", verbose_name=_("edition")
    )
    introduction = models.TextField(_("introduction"), blank=True)
    short_description_min_words = models.PositiveSmallIntegerField(
        _("short description: fewest words"), default=150
    )
    short_description_max_words = models.PositiveSmallIntegerField(
        _("short description: most words"), default=200
    )
    content_languages = models.JSONField(
        _("languages projects may be written in"),
        default=list,
        help_text=_('Codes of the UN languages accepted, e.g. ["en"] or ["ar", "en"].'),
    )
    criteria_weights = models.JSONField(
        _("weights of the criteria"),
        default=default_criteria_weights,
        help_text=_("The weight of each WSIS criterion in an expert's score, by criterion."),
    )
    champions_per_category = models.PositiveSmallIntegerField(
        _("champions per category"),
        default=5,
        help_text=_("The nominees with the most valid votes in each category become champions."),
    )
    # The published validity policy of the public vote (see ``prizes.voting``).
    network_vote_limit = models.PositiveSmallIntegerField(
        _("votes counted from one network in a category"),
        default=20,
        help_text=_("Votes from the same network (IPv4 /24, IPv6 /48) beyond this number are not counted."),
    )
    burst_window_minutes = models.PositiveSmallIntegerField(
        _("burst window (minutes)"),
        default=10,
    )
    burst_account_limit = models.PositiveSmallIntegerField(
        _("accounts created in one burst window"),
        default=10,
        help_text=_(
            "When more accounts than this were created from one network within the burst window, their "
            "votes are not counted."
        ),
    )
    nominees_published_at = models.DateTimeField(_("nominees published at"), null=True, blank=True)
    champions_published_at = models.DateTimeField(_("champions published at"), null=True, blank=True)
    winners_published_at = models.DateTimeField(_("winners published at"), null=True, blank=True)

    class Meta:
        ordering = ["-edition__year"]
        verbose_name = _("prize cycle")
        verbose_name_plural = _("prize cycles")
        constraints = [
            models.CheckConstraint(
                condition=Q(short_description_max_words__gte=models.F("short_description_min_words")),
                name="prize_cycle_word_range_ordered",
            ),
        ]

    def __str__(self):
        return _("WSIS Prizes %(year)s") % {"year": self.edition.year}

    def phase(self, key):
        """The phase of this cycle named ``key`` (from the edition's prefetched phases if any), or None."""
        return next(
            (p for p in self.edition.phases.all() if p.process == Process.PRIZES and p.key == key), None
        )

    @property
    def submission_phase(self):
        return self.phase(SUBMISSION_PHASE)

    def is_accepting(self, at=None) -> bool:
        """True while the submission phase is open (Geneva time, server clock)."""
        phase = self.submission_phase
        return phase is not None and is_open(phase, at)

    @property
    def language_names(self):
        return [language_name(code) for code in self.content_languages]


class PrizeCategory(models.Model):
    """One of the 18 prize categories: an action line (C1–C6, C8–C11) or one of C7's e-applications. Its
    name is the action line's, in every language."""

    action_line = models.OneToOneField(
        ActionLine, on_delete=models.PROTECT, related_name="prize_category", verbose_name=_("action line")
    )
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        ordering = ["position"]
        verbose_name = _("prize category")
        verbose_name_plural = _("prize categories")

    def __str__(self):
        return str(self.action_line)

    @property
    def code(self):
        return self.action_line.code

    @property
    def name(self):
        return self.action_line.name


class State(models.TextChoices):
    """Where a project stands in its cycle: the lifecycle's draft and submitted, then the stages the expert
    group and the public vote give it."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    NOMINEE = "nominee", _("Nominee")
    CHAMPION = "champion", _("Champion")
    WINNER = "winner", _("Winner")


# States in which a project takes part in its cycle (once its nomination, if any, is confirmed).
ENTERED_STATES = (State.SUBMITTED, State.NOMINEE, State.CHAMPION, State.WINNER)
# Projects that take part in their cycle: entered, and either submitted by their entity or nominated and
# confirmed by the project's contact.
COUNTED = Q(state__in=ENTERED_STATES) & (Q(kind="submission") | Q(confirmation="confirmed"))


class SubmissionQuerySet(lifecycle.SubmissionQuerySet):
    def counted(self):
        return self.filter(COUNTED)

    def editable_by(self, user):
        """An entity's own project belongs to the entity (its confirmed focal points); a nomination names
        the nominated entity but stays its nominator's alone."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            Q(kind=Submission.Kind.NOMINATION, owner=user)
            | Q(kind=Submission.Kind.SUBMISSION, organisation__in=behalf.organisations_of(user))
        )

    def filed_without_focal_point(self):
        """Only an entity's own project is filed on its behalf (a nomination is the nominator's)."""
        return super().filed_without_focal_point().filter(kind=Submission.Kind.SUBMISSION)

    def of(self, user):
        """What ``user`` works on, newest first: what they nominated, and the projects of the organisations
        they are a confirmed focal point of."""
        return (
            self.editable_by(user)
            .select_related("cycle__edition", "category__action_line", "organisation")
            .order_by("-updated_at", "-pk")
        )


class Submission(lifecycle.Submission):
    """A project entered for a prize in one category of one cycle."""

    REFERENCE_PREFIX = "WSIS-PR"

    class Kind(models.TextChoices):
        SUBMISSION = "submission", _("Submitted by the entity that runs it")
        NOMINATION = "nomination", _("Nominated by someone else")

    class ProjectStatus(models.TextChoices):
        COMPLETED = "completed", _("Completed")
        MAJOR_PHASE = "major_phase", _("At the end of a major phase")
        ONGOING = "ongoing", _("Ongoing")

    class Confirmation(models.TextChoices):
        PENDING = "pending", _("Awaiting the project contact's confirmation")
        CONFIRMED = "confirmed", _("Confirmed by the project contact")
        DECLINED = "declined", _("Declined by the project contact")

    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.DRAFT, db_index=True
    )
    cycle = models.ForeignKey(
        PrizeCycle, on_delete=models.PROTECT, related_name="submissions", verbose_name=_("prize cycle")
    )
    category = models.ForeignKey(
        PrizeCategory, on_delete=models.PROTECT, related_name="submissions", verbose_name=_("category")
    )
    kind = models.CharField(_("how it is entered"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title of the project"), max_length=300)
    language = models.CharField(_("language of the text"), max_length=10, choices=content_languages)
    short_description = models.TextField(_("short description"), blank=True)
    description = models.TextField(_("full description"), blank=True)
    sdgs = models.ManyToManyField(
        SustainableDevelopmentGoal,
        blank=True,
        related_name="+",
        verbose_name=_("Sustainable Development Goals"),
    )
    gdc_objectives = models.ManyToManyField(
        GDCObjective, blank=True, related_name="+", verbose_name=_("Global Digital Compact objectives")
    )
    impact_qualitative = models.TextField(_("qualitative impact"), blank=True)
    impact_quantitative = models.TextField(_("quantitative impact"), blank=True)
    partnerships = models.TextField(_("partnerships"), blank=True)
    challenges = models.TextField(_("challenges"), blank=True)
    future_plans = models.TextField(_("future plans"), blank=True)
    project_status = models.CharField(
        _("status of the project"), max_length=12, choices=ProjectStatus.choices, blank=True
    )
    website = models.URLField(_("website"), blank=True)
    stocktaking_entry = models.ForeignKey(
        Entry,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="prize_submissions",
        verbose_name=_("stocktaking entry"),
    )
    contact_name = models.CharField(_("project contact"), max_length=200, blank=True)
    contact_email = models.EmailField(_("project contact's e-mail"), blank=True)
    confirmation = models.CharField(
        _("confirmation of the nomination"), max_length=10, choices=Confirmation.choices, blank=True
    )
    # Only the digest of the secret link mailed to the project contact is kept.
    confirmation_digest = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    confirmation_sent_at = models.DateTimeField(_("confirmation requested at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmation answered at"), null=True, blank=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("prize submission")
        verbose_name_plural = _("prize submissions")
        constraints = [
            # One project per entity per category of a cycle, even when two focal points send at once.
            models.UniqueConstraint(
                fields=["cycle", "category", "organisation"],
                condition=COUNTED,
                name="prize_one_project_per_entity_and_category",
            ),
            models.UniqueConstraint(
                fields=["cycle", "stocktaking_entry"],
                condition=COUNTED & Q(stocktaking_entry__isnull=False),
                name="prize_stocktaking_entry_once_per_cycle",
            ),
            models.CheckConstraint(
                condition=Q(kind="submission", confirmation="") | Q(kind="nomination"),
                name="prize_only_nominations_are_confirmed",
            ),
        ]
        indexes = [models.Index(fields=["cycle", "category", "state"], name="prize_submission_queue")]

    def __str__(self):
        return self.title

    @property
    def is_nomination(self) -> bool:
        return self.kind == self.Kind.NOMINATION

    @property
    def counts(self) -> bool:
        """Whether it takes part in the cycle (see ``SubmissionQuerySet.counted``)."""
        return self.state in ENTERED_STATES and (
            not self.is_nomination or self.confirmation == self.Confirmation.CONFIRMED
        )

    def reference_year(self, at):
        """The year of the edition its cycle awards, whenever it is sent: a project sent in December 2026
        to the 2027 cycle is numbered in 2027."""
        return self.cycle.edition.year
