"""Circular letters of the secretariat (``CL-YY/NNN``) and their PDFs, one per portal language."""

from datetime import datetime, time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wsis_portal.editions.schedule import GENEVA
from wsis_portal.lifecycle.transitions import next_reference
from wsis_portal.uploads import (
    FileCheck,
    private_storage,  # noqa: F401 - the migrations name it here
)

REFERENCE_PREFIX = "CL"
REFERENCE_TEMPLATE = "{prefix}-{yy:02d}/{number:03d}"
EMBLEM_MAX_BYTES = 512 * 1024  # an emblem printed 20 mm high needs far less


class AddresseeGroup(models.TextChoices):
    STAKEHOLDERS = "stakeholders", _("All WSIS stakeholders")
    GOVERNMENTS = "governments", _("Governments of ITU Member States")
    PRIVATE_SECTOR = "private_sector", _("Private sector")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    ACADEMIA = "academia", _("Academia and the technical community")
    INTERNATIONAL_ORGANISATIONS = "international_organisations", _("International organizations")
    MINISTERS = "ministers", _("Ministers")


class LetterFrozen(ValidationError):
    """An issued letter is the record of what was sent: it is never changed; a corrigendum corrects it."""


def geneva_today():
    return timezone.now().astimezone(GENEVA).date()


class CircularLetter(models.Model):
    """A letter of the General Secretariat to groups of stakeholders; frozen once issued."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ISSUED = "issued", _("Issued")

    class Place(models.TextChoices):
        GENEVA = "geneva", _("Geneva")

    edition = models.ForeignKey(
        "editions.Edition",
        verbose_name=_("edition"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="circular_letters",
    )
    reference = models.CharField(
        _("reference"),
        max_length=40,
        unique=True,
        blank=True,
        help_text=_("Leave empty for the next number of the letter's year (CL-YY/NNN)."),
    )
    date = models.DateField(_("date"), default=geneva_today)
    place = models.CharField(_("place"), max_length=20, choices=Place.choices, default=Place.GENEVA)
    addressees = models.JSONField(_("addressed to"), default=list, blank=True)
    contact_name = models.CharField(
        _("contact name"), max_length=200, help_text=_("As the name is written in each language.")
    )
    contact_phone = models.CharField(_("contact telephone"), max_length=50, blank=True)
    contact_email = models.EmailField(_("contact e-mail"))
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(
        _("body"),
        help_text=_(
            "Paragraphs separated by an empty line; lines starting with “- ” make a list; **bold**. "
            "Type web and e-mail addresses, telephone numbers, references and names as they are: the PDF "
            "keeps each in its own direction."
        ),
    )
    signatory_name = models.CharField(
        _("signatory name"), max_length=200, help_text=_("As the name is written in each language.")
    )
    signatory_title = models.CharField(_("signatory title"), max_length=200)
    # Never under MEDIA_URL: staff download it through the admin, which checks who asks.
    annex = models.FileField(
        _("annex (PDF)"),
        upload_to="letters/annexes/%Y/",
        storage=private_storage,
        blank=True,
        validators=[FileCheck(("pdf",))],
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    corrigendum_of = models.ForeignKey(
        "self",
        verbose_name=_("corrigendum of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrigenda",
    )

    class Meta:
        verbose_name = _("circular letter")
        verbose_name_plural = _("circular letters")
        ordering = ["-date", "-reference"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(state="issued") | models.Q(issued_at__isnull=False),
                name="issued_letter_has_issue_date",
            )
        ]

    def __str__(self):
        return f"{self.reference} {self.subject}".strip()

    def save(self, *args, **kwargs):
        if self.pk and type(self).objects.filter(pk=self.pk, state=self.State.ISSUED).exists():
            raise LetterFrozen(_("This letter was issued: make a corrigendum instead."), code="frozen")
        if not self.reference:
            at = datetime.combine(self.date, time(12), tzinfo=GENEVA)
            self.reference = next_reference(REFERENCE_PREFIX, at, template=REFERENCE_TEMPLATE)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if type(self).objects.filter(pk=self.pk, state=self.State.ISSUED).exists():
            raise LetterFrozen(_("This letter was issued: it cannot be deleted."), code="frozen")
        return super().delete(*args, **kwargs)

    @property
    def is_issued(self):
        return self.state == self.State.ISSUED

    @property
    def file_stem(self) -> str:
        """The reference as the start of its files' names: ``CL-26/001 Corr.1`` gives ``CL-26-001-Corr.1``."""
        return self.reference.replace("/", "-").replace(" ", "-")

    def addressee_labels(self):
        return [AddresseeGroup(value).label for value in self.addressees if value in AddresseeGroup.values]


class Letterhead(models.Model):
    """The organisation's letterhead on every letter: its emblem and name at the head of the first page,
    its address at the foot of every page. One row is active; without one, letters carry the ITU's name
    and address (``pdf.letterhead``)."""

    organisation = models.CharField(_("organisation"), max_length=200)
    office = models.CharField(
        _("office"),
        max_length=200,
        blank=True,
        help_text=_("The office that writes the letters: the General Secretariat."),
    )
    address = models.TextField(
        _("address"), blank=True, help_text=_("Printed at the foot of every page, line by line.")
    )
    emblem = models.FileField(
        _("emblem"),
        upload_to="letters/letterhead/",
        blank=True,
        validators=[FileCheck(("png", "jpg", "jpeg"), max_bytes=EMBLEM_MAX_BYTES)],
        help_text=_("PNG or JPEG of at most 512 KB, printed 20 mm high beside the name."),
    )
    active = models.BooleanField(
        _("in use"), default=True, help_text=_("Letters rendered from now on carry this letterhead.")
    )

    class Meta:
        verbose_name = _("letterhead")
        verbose_name_plural = _("letterheads")
        constraints = [
            models.UniqueConstraint(
                fields=["active"], condition=models.Q(active=True), name="one_letterhead_in_use"
            )
        ]

    def __str__(self):
        return self.organisation

    def save(self, *args, **kwargs):
        with transaction.atomic():
            if self.active:  # the one put in use replaces the one before
                type(self).objects.filter(active=True).exclude(pk=self.pk).update(active=False)
            super().save(*args, **kwargs)


class LetterPDF(models.Model):
    """The PDF of one letter in one language, rendered once by a worker that claims the row first."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RENDERING = "rendering", _("Rendering")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    letter = models.ForeignKey(
        CircularLetter, verbose_name=_("letter"), on_delete=models.CASCADE, related_name="pdfs"
    )
    language = models.CharField(_("language"), max_length=5)
    file = models.FileField(_("file"), upload_to="letters/pdf/%Y/", blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("letter PDF")
        verbose_name_plural = _("letter PDFs")
        constraints = [models.UniqueConstraint(fields=["letter", "language"], name="one_pdf_per_language")]

    def __str__(self):
        return f"{self.letter.reference} ({self.language})"


class LetterBatch(models.Model):
    """The personalised copies of one issued letter for one audience (one per recipient), made by workers
    in parallel chunks and collected in one ZIP. Its progress is counted from its copies, never stored."""

    class Archive(models.TextChoices):
        WAITING = "waiting", _("Waiting for the letters")
        BUILDING = "building", _("Being built")
        READY = "ready", _("Ready")

    letter = models.ForeignKey(
        CircularLetter, verbose_name=_("letter"), on_delete=models.PROTECT, related_name="batches"
    )
    audience = models.CharField(_("addressees"), max_length=40)
    created_at = models.DateTimeField(_("started at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    prepared_at = models.DateTimeField(_("recipients listed at"), null=True, blank=True)
    preparation_error = models.TextField(_("error"), blank=True)
    archive = models.FileField(
        _("ZIP of the letters"), upload_to="letters/batches/%Y/", storage=private_storage, blank=True
    )
    archive_status = models.CharField(
        _("ZIP"), max_length=10, choices=Archive.choices, default=Archive.WAITING
    )
    archive_claimed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("personalised letters")
        verbose_name_plural = _("personalised letters")
        ordering = ["-created_at"]
        constraints = [
            # A letter is personalised once for an audience; a failed copy is retried, never the batch.
            models.UniqueConstraint(fields=["letter", "audience"], name="one_batch_per_letter_audience")
        ]

    def __str__(self):
        from .audiences import get

        audience = get(self.audience)
        return f"{self.letter.reference} · {audience.label if audience else self.audience}"


class PersonalLetter(models.Model):
    """One recipient's copy of a letter, rendered once by a worker that claims it first."""

    Status = LetterPDF.Status

    batch = models.ForeignKey(
        LetterBatch, verbose_name=_("batch"), on_delete=models.CASCADE, related_name="copies"
    )
    recipient_key = models.CharField(_("recipient"), max_length=40)
    recipient_label = models.CharField(_("recipient"), max_length=200)
    language = models.CharField(_("language"), max_length=5)
    # What the audience issued once for this copy (a secret link): kept so a retried copy says the same.
    kept = models.JSONField(default=dict, editable=False)
    file = models.FileField(_("file"), upload_to="letters/personal/%Y/", storage=private_storage, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    error = models.TextField(_("reason of the failure"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    queued_at = models.DateTimeField(_("queued at"), default=timezone.now)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("personalised letter")
        verbose_name_plural = _("personalised letters")
        ordering = ["batch", "recipient_label"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "recipient_key"], name="one_copy_per_recipient")
        ]
        indexes = [models.Index(fields=["batch", "status"], name="personal_letter_status")]

    def __str__(self):
        return f"{self.batch.letter.reference} · {self.recipient_label}"

    @property
    def filename(self) -> str:
        return f"{self.batch.letter.file_stem}-{self.recipient_key}-{self.language}.pdf"
